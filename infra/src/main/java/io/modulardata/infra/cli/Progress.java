package io.modulardata.infra.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Supplier;

/** Prints one line per step: {@code [3/8] Starting Apicurio Registry on 127.0.0.1:18080 ... ok (8.1 s)}. */
final class Progress {

    private final PrintStream out;
    private final int total;
    private int current;

    Progress(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    /** Runs the step; its result ("ok", "external", ...) ends the line. Failures end it with "failed". */
    String step(String description, Supplier<String> action) {
        current++;
        out.printf("[%d/%d] %s ... ", current, total, description);
        out.flush();
        long began = System.nanoTime();
        try {
            String result = action.get();
            out.printf(Locale.ROOT, "%s (%.1f s)%n", result, (System.nanoTime() - began) / 1e9);
            return result;
        } catch (RuntimeException e) {
            out.println("failed");
            throw e;
        }
    }
}
