package io.modulardata.systemtests;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A steady stream of commands from one thread, each with its own correlation id, remembering how each
 * was answered (or that it got no answer at all, as while its service is down).
 */
final class CommandStream {

    /** Sends command {@code index} with the correlation id; any exception counts as no answer. */
    interface Command {
        HttpResponse<String> send(int index, String correlationId) throws Exception;
    }

    static final int NO_ANSWER = -1;

    private final String prefix;
    private final Map<String, Integer> answers = new ConcurrentHashMap<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger limit;
    private final Thread thread;

    private CommandStream(String prefix, int count, int perSecond, Command command) {
        this.prefix = prefix;
        this.limit = new AtomicInteger(count);
        this.thread = new Thread(() -> {
            long intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
            long start = System.nanoTime();
            for (int i = 0; i < limit.get(); i++) {
                long wait = start + i * intervalNanos - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                String correlationId = prefix + i;
                int status;
                try {
                    status = command.send(i, correlationId).statusCode();
                } catch (Exception e) {
                    status = NO_ANSWER;
                }
                answers.put(correlationId, status);
                sent.incrementAndGet();
            }
        }, "command-stream-" + prefix);
    }

    static CommandStream start(String prefix, int count, int perSecond, Command command) {
        CommandStream stream = new CommandStream(prefix, count, perSecond, command);
        stream.thread.start();
        return stream;
    }

    int sent() {
        return sent.get();
    }

    /** Ends the stream once {@code more} further commands were sent (e.g. enough after a restart). */
    void endAfter(int more) {
        limit.set(sent.get() + more);
    }

    void awaitEnd() throws InterruptedException {
        thread.join(TimeUnit.MINUTES.toMillis(5));
    }

    String prefix() {
        return prefix;
    }

    /** Correlation ids whose command was answered 2xx. */
    Set<String> accepted() {
        return answers.entrySet().stream().filter(entry -> entry.getValue() / 100 == 2).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    Set<String> all() {
        return Set.copyOf(answers.keySet());
    }

    Map<Integer, Long> answerCounts() {
        return answers.values().stream().collect(Collectors.groupingBy(status -> status, Collectors.counting()));
    }
}
