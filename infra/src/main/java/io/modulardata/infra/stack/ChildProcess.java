package io.modulardata.infra.stack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/** A server running as a child process of this JVM, with its output appended to its own log file. */
public final class ChildProcess implements Stoppable {

    private static final Duration GRACE_PERIOD = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    public static ChildProcess start(String name, List<String> command, Path workDir, Path logFile,
                                     Map<String, String> environment) {
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    // Servers never read input; an inherited terminal would let them steal keystrokes.
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            return new ChildProcess(name, builder.start(), logFile);
        } catch (IOException e) {
            throw new StackStartException(name, logFile, "could not launch " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    /** The {@code java} of the running JVM, so children use the same Java version. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Process process() {
        return process;
    }

    /** Waits for the process to end on its own: its exit code, or empty on timeout. */
    public OptionalInt waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    ? OptionalInt.of(process.exitValue())
                    : OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }

    /** SIGTERM first so the server can shut down cleanly, SIGKILL after the grace period. */
    @Override
    public void stop() {
        stopCleanly();
    }

    /** As {@link #stop()}; whether the process ended within the grace period (false if it had to be killed). */
    public boolean stopCleanly() {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        if (waitFor(GRACE_PERIOD).isPresent()) {
            return true;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
        return false;
    }
}
