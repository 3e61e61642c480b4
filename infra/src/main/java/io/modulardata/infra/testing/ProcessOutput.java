package io.modulardata.infra.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Collects what a long-running process prints, on a daemon thread, for tests that wait for a line. */
public final class ProcessOutput {

    private final StringBuffer text = new StringBuffer();

    private ProcessOutput() {
    }

    public static ProcessOutput of(Process process) {
        ProcessOutput output = new ProcessOutput();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(line -> output.text.append(line).append('\n'));
            } catch (IOException | UncheckedIOException e) {
                output.text.append("(output closed: ").append(e.getMessage()).append(")\n");
            }
        }, "process-output");
        reader.setDaemon(true);
        reader.start();
        return output;
    }

    public boolean contains(String line) {
        return text.indexOf(line) >= 0;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
