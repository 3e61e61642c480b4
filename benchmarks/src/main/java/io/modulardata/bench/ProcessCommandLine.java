package io.modulardata.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's command line, read from /proc when the JDK does not report it (it sometimes does not). */
final class ProcessCommandLine {

    private ProcessCommandLine() {
    }

    static String of(ProcessHandle handle) {
        return handle.info().commandLine().orElseGet(() -> {
            try {
                return Files.readString(Path.of("/proc", String.valueOf(handle.pid()), "cmdline")).replace('\0', ' ');
            } catch (IOException | UncheckedIOException e) {
                return "";
            }
        });
    }
}
