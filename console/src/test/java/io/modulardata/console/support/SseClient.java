package io.modulardata.console.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A plain HTTP client reading a Server-Sent Events stream as any program would, so a test sees exactly what
 * the server wrote on the wire (not what a page made of it).
 */
public final class SseClient implements AutoCloseable {

    /** One message as sent: its event name, id and data (data lines joined by newlines). */
    public record Message(String name, String id, String data) {
    }

    private final List<Message> messages = new ArrayList<>();
    private final InputStream body;
    private final int status;
    private final Thread reader;

    private SseClient(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.body = response.body();
        this.reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code url} with the token as a bearer header (null: none) and returns once the server answered. */
    public static SseClient open(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return open(url, request);
    }

    /** Opens {@code url} as a signed-in browser would: with its cookies ({@code name=value; ...}). */
    public static SseClient openWithCookies(String url, String cookies) {
        return open(url, HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream")
                .header("Cookie", cookies).GET());
    }

    private static SseClient open(String url, HttpRequest.Builder request) {
        try {
            CompletableFuture<HttpResponse<InputStream>> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .build().sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            return new SseClient(answer.get());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot open " + url, e);
        }
    }

    public int status() {
        return status;
    }

    /** Every message received so far, in order. */
    public List<Message> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /** Waits for the server's {@code open} message: from then on the stream receives every new event. */
    public SseClient awaitOpen() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !messages("open").isEmpty());
        return this;
    }

    public List<Message> messages(String name) {
        return messages().stream().filter(message -> name.equals(message.name())).toList();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = null;
            String id = null;
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        synchronized (messages) {
                            messages.add(new Message(name == null ? "message" : name, id, data.toString()));
                        }
                    }
                    name = null;
                    id = null;
                    data = null;
                } else if (line.startsWith("event:")) {
                    name = value(line);
                } else if (line.startsWith("id:")) {
                    id = value(line);
                } else if (line.startsWith("data:")) {
                    data = data == null ? new StringBuilder(value(line)) : data.append('\n').append(value(line));
                }
            }
        } catch (IOException e) {
            // The stream ended: closed by close(), or by the server.
        }
    }

    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reader.interrupt();
    }
}
