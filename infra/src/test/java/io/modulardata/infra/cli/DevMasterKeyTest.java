package io.modulardata.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevMasterKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void theKeyIsOwnerOnlyInAnOwnerOnlyFolder() throws IOException {
        Path file = DevMasterKey.loadOrCreate(dataDir.resolve("keys"));

        assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).hasSize(32);
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(file.getParent())).isEqualTo("rwx------");
    }

    @Test
    void anExistingKeyIsKeptAndItsFolderMadeOwnerOnly() throws IOException {
        Path keys = dataDir.resolve("keys");
        String key = Files.readString(DevMasterKey.loadOrCreate(keys));
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwxr-xr-x"));

        Path again = DevMasterKey.loadOrCreate(keys);

        assertThat(again).hasContent(key.trim());
        assertThat(mode(keys)).isEqualTo("rwx------");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
