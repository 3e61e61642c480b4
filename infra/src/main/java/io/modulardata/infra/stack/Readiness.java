package io.modulardata.infra.stack;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;

/** Polls a server until it answers, its process dies, the start is cancelled or time runs out. */
public final class Readiness {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    /** A check that may throw while the server is still coming up. */
    @FunctionalInterface
    public interface Probe {
        boolean ready() throws Exception;
    }

    private Readiness() {
    }

    public static void await(String step, ChildProcess process, Duration timeout, BooleanSupplier cancelled,
                             Probe probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception lastFailure = null;
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new StackStartException(step, process.logFile(), "cancelled because the stack is stopping");
            }
            if (!process.isAlive()) {
                OptionalInt code = process.waitFor(Duration.ZERO);
                throw new StackStartException(step, process.logFile(),
                        "process exited with code " + (code.isPresent() ? code.getAsInt() : "?"));
            }
            try {
                if (probe.ready()) {
                    return;
                }
            } catch (Exception e) {
                lastFailure = e;
            }
            if (System.nanoTime() > deadline) {
                String detail = lastFailure == null ? "" : " (last check: " + lastFailure + ")";
                throw new StackStartException(step, process.logFile(),
                        "not ready after " + timeout.toSeconds() + " s" + detail);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a server", e);
        }
    }
}
