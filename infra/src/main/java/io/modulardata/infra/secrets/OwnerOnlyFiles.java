package io.modulardata.infra.secrets;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Folders and files only their owner may use, for keys. The mode is part of the call that creates the file
 * or folder, so no other user can open a key in the moment between writing it and restricting it.
 */
public final class OwnerOnlyFiles {

    public static final Set<PosixFilePermission> FOLDER_MODE = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    /** Creates {@code dir} (and missing parents) with mode 0700, or sets an existing one to 0700. */
    public static Path folder(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            if (!Files.getPosixFilePermissions(dir).equals(FOLDER_MODE)) {
                Files.setPosixFilePermissions(dir, FOLDER_MODE);
            }
            return dir;
        }
        return Files.createDirectories(dir, attribute(FOLDER_MODE));
    }

    /**
     * A new file with mode 0600 from before its first byte, open for writing; fails if it exists.
     * The umask can only take permissions away, so it never gets looser than 0600.
     */
    public static OutputStream newFile(Path file) throws IOException {
        return Channels.newOutputStream(Files.newByteChannel(file,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attribute(FILE_MODE)));
    }

    /** Writes {@code content} to a new owner-only file; a failed write leaves no half-written key behind. */
    public static void write(Path file, byte[] content) throws IOException {
        OutputStream out = newFile(file);
        try (out) {
            out.write(content);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> mode) {
        return PosixFilePermissions.asFileAttribute(mode);
    }
}
