package io.modulardata.infra.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code <data folder>/platform.pid}: how {@code down} finds the running {@code up}. */
final class PidFile {

    private final Path file;

    PidFile(Path dataDir) {
        this.file = dataDir.resolve("platform.pid");
    }

    /** The {@code up} process, if the file names one that is still alive. */
    Optional<ProcessHandle> runningProcess() {
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(file).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    void writeCurrentProcess() {
        try {
            Files.writeString(file, ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Harmless: a stale file names a process that is gone, which runningProcess() ignores.
        }
    }

    Path path() {
        return file;
    }
}
