package io.modulardata.infra.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The platform's data folder; a marker file guards {@code down --purge} against deleting anything else. */
final class DataDir {

    private static final String MARKER = ".modular-data-platform";

    private DataDir() {
    }

    static void prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            Path marker = dir.resolve(MARKER);
            if (!Files.exists(marker)) {
                Files.writeString(marker, "Data of the local Modular Data Platform (infra/platform); "
                        + "delete with: infra/platform down --purge\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + dir, e);
        }
    }

    /** Deletes the folder if it is one the platform made. */
    static void purge(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.exists(dir.resolve(MARKER))) {
            throw new IllegalStateException("Refusing to delete " + dir + ": it has no " + MARKER
                    + " file, so it is not a platform data folder");
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + dir, e);
        }
    }
}
