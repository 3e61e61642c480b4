package io.modulardata.infra.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A one-line value (a URL, a count) that {@code up} keeps in a file of the data folder while what it describes
 * runs, for {@code status}.
 */
record UrlFile(Path path) {

    static UrlFile in(Path dataDir, String name) {
        return new UrlFile(dataDir.resolve(name));
    }

    void write(String url) {
        try {
            Files.writeString(path, url + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + path, e);
        }
    }

    Optional<String> read() {
        try {
            return Files.exists(path) ? Optional.of(Files.readString(path).trim()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // A stale file only makes `status` probe a port that no longer answers.
        }
    }
}
