package io.modulardata.infra.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtKeysTest {

    @TempDir
    Path dataDir;

    @Test
    void thePrivateKeyIsOwnerOnlyInAnOwnerOnlyFolder() throws IOException {
        Path jwt = dataDir.resolve("jwt");

        JwtKeys.loadOrCreate(jwt);

        assertThat(mode(jwt.resolve(JwtKeys.PRIVATE_KEY_FILE))).isEqualTo("rw-------");
        assertThat(mode(jwt)).isEqualTo("rwx------");
    }

    @Test
    void existingKeysAreKeptAndTheirFolderMadeOwnerOnly() throws IOException {
        Path jwt = dataDir.resolve("jwt");
        JwtKeys first = JwtKeys.loadOrCreate(jwt);
        Files.setPosixFilePermissions(jwt, PosixFilePermissions.fromString("rwxr-xr-x"));

        JwtKeys again = JwtKeys.loadOrCreate(jwt);

        assertThat(again.publicKey()).isEqualTo(first.publicKey());
        assertThat(mode(jwt)).isEqualTo("rwx------");
    }

    @Test
    void halfAPairIsReplacedByANewOwnerOnlyPair() throws IOException {
        Path jwt = dataDir.resolve("jwt");
        JwtKeys first = JwtKeys.loadOrCreate(jwt);
        Files.delete(jwt.resolve(JwtKeys.PUBLIC_KEY_FILE));

        JwtKeys replaced = JwtKeys.loadOrCreate(jwt);

        assertThat(replaced.publicKey()).isNotEqualTo(first.publicKey());
        assertThat(mode(jwt.resolve(JwtKeys.PRIVATE_KEY_FILE))).isEqualTo("rw-------");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
