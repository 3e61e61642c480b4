package io.modulardata.infra.stack;

import java.nio.file.Path;

/** A server did not come up. The message names the step and the log file to read. */
public class StackStartException extends RuntimeException {

    private final String step;
    private final Path logFile;

    public StackStartException(String step, Path logFile, String reason) {
        this(step, logFile, reason, null);
    }

    public StackStartException(String step, Path logFile, String reason, Throwable cause) {
        super(step + " failed: " + reason + " (log: " + logFile + ")", cause);
        this.step = step;
        this.logFile = logFile;
    }

    public String step() {
        return step;
    }

    public Path logFile() {
        return logFile;
    }
}
