package io.modulardata.infra.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A process's command line, read from /proc when the JDK does not report it (it sometimes does not). */
public final class ProcessCommandLine {

    private ProcessCommandLine() {
    }

    public static String of(ProcessHandle handle) {
        return handle.info().commandLine().orElseGet(() -> {
            try {
                return Files.readString(Path.of("/proc", String.valueOf(handle.pid()), "cmdline")).replace('\0', ' ');
            } catch (IOException | UncheckedIOException e) {
                return "";
            }
        });
    }

    /**
     * The processes whose command line names {@code path}: how the servers of a platform's data folder are
     * found, PostgreSQL among them, which pg_ctl detaches from the process that started it.
     */
    public static List<ProcessHandle> mentioning(Path path) {
        String name = path.toString();
        return ProcessHandle.allProcesses().filter(process -> of(process).contains(name)).toList();
    }
}
