package io.modulardata.console.live;

/**
 * One message of the live stream. {@code event}: a decoded platform event as a table row, its id the
 * console's sequence number (a reconnecting browser sends it back as Last-Event-ID and gets what it missed).
 * {@code refresh}: views the page shows may have changed; its data names the event types. {@code ping}: keeps
 * idle connections open through proxies. {@code open}: the first message, once the stream is registered; its
 * data is the number of the newest event the console had taken in.
 */
public record LiveMessage(String name, String id, String data) {

    public static final String EVENT = "event";
    public static final String REFRESH = "refresh";
    public static final String PING = "ping";
    public static final String OPEN = "open";
}
