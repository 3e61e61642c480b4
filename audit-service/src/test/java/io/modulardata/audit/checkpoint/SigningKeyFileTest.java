package io.modulardata.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint signing key on disk: readable by its owner only, from the moment the file exists. */
class SigningKeyFileTest {

    @TempDir
    Path dir;

    @Test
    void aNewKeyFileIsOwnerOnlyBeforeItsFirstByteAndSoAreTheFoldersMadeForIt() throws IOException {
        Path file = dir.resolve("data/keys/audit-signing-key.pem");
        try (OutputStream out = SigningKey.newKeyFile(file)) {
            assertThat(file).isEmptyFile();
            assertThat(mode(file)).isEqualTo("rw-------");
            out.write('x');
        }
        assertThat(mode(file.getParent())).isEqualTo("rwx------");
        assertThat(mode(file.getParent().getParent())).isEqualTo("rwx------");
    }

    @Test
    void aGeneratedKeyIsOwnerOnlyAndLoadedAgainOnTheNextStart() throws IOException {
        Path file = dir.resolve("keys/audit-signing-key.pem");

        SigningKey created = SigningKey.loadOrCreate(file);

        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(file.getParent())).isEqualTo("rwx------");
        assertThat(SigningKey.loadOrCreate(file).keyId()).isEqualTo(created.keyId());
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
