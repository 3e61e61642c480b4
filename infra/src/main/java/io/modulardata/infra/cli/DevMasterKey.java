package io.modulardata.infra.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local platform's master key for security-service: 32 random bytes (base64) made on first
 * start and kept in the data folder, so data encrypted before a restart still decrypts after it.
 * Production supplies its own through MODULARDATA_MASTER_KEY(_FILE); this one is for development only.
 */
final class DevMasterKey {

    static final String FILE_NAME = "master.key";
    private static final int KEY_BYTES = 32;

    private DevMasterKey() {
    }

    /** The file holding the key, handed to security-service as MODULARDATA_MASTER_KEY_FILE. */
    static Path loadOrCreate(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return file;
        }
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try {
            Files.createDirectories(dir);
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the development master key " + file, e);
        }
        return file;
    }
}
