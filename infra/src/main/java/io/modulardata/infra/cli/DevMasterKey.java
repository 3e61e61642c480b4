package io.modulardata.infra.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import io.modulardata.infra.secrets.OwnerOnlyFiles;

/**
 * The local platform's master key for security-service: 32 random bytes (base64) made on first
 * start and kept in the data folder, so data encrypted before a restart still decrypts after it.
 * Production supplies its own through MDP_MASTER_KEY(_FILE); this one is for development only.
 * The file is mode 0600 from its creation on, in a folder of mode 0700.
 */
final class DevMasterKey {

    static final String FILE_NAME = "master.key";
    private static final int KEY_BYTES = 32;

    private DevMasterKey() {
    }

    /** The file holding the key, handed to security-service as MDP_MASTER_KEY_FILE. */
    static Path loadOrCreate(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        try {
            OwnerOnlyFiles.folder(dir);
            if (!Files.exists(file)) {
                byte[] key = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(key);
                OwnerOnlyFiles.write(file, (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the development master key " + file, e);
        }
        return file;
    }
}
