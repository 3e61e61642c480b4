package io.modulardata.infra.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {

    @TempDir
    Path dir;

    @Test
    void aNewFileIsOwnerOnlyBeforeItsFirstByte() throws IOException {
        Path file = dir.resolve("key");
        try (OutputStream out = OwnerOnlyFiles.newFile(file)) {
            // The file exists, still empty: nobody else could have opened it in the meantime.
            assertThat(file).isEmptyFile();
            assertThat(mode(file)).isEqualTo("rw-------");
            out.write("secret".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(file).hasContent("secret");
        assertThat(mode(file)).isEqualTo("rw-------");
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws IOException {
        Path file = dir.resolve("key");
        OwnerOnlyFiles.write(file, "first".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> OwnerOnlyFiles.write(file, "second".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(file).hasContent("first");
    }

    @Test
    void missingFoldersAreCreatedOwnerOnly() throws IOException {
        Path nested = dir.resolve("data/keys");

        OwnerOnlyFiles.folder(nested);

        assertThat(mode(nested)).isEqualTo("rwx------");
        assertThat(mode(nested.getParent())).isEqualTo("rwx------");
    }

    @Test
    void anExistingFolderIsMadeOwnerOnly() throws IOException {
        Path keys = Files.createDirectory(dir.resolve("keys"));
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwxr-xr-x"));

        OwnerOnlyFiles.folder(keys);

        assertThat(mode(keys)).isEqualTo("rwx------");
    }

    static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
