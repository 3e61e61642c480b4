package io.modulardata.security.keys;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a tenant's key ring, like Vault Transit: versions 1, 2, 3 ... ; the newest is the
 * primary (it encrypts); decryption accepts versions from the newest down to
 * {@code minDecryptionVersion}. Plain class, no I/O.
 */
public record KeyRing(String tenantId, int primaryVersion, int minDecryptionVersion) {

    /** A tenant without any key yet. */
    public static KeyRing empty(String tenantId) {
        return new KeyRing(tenantId, 0, 1);
    }

    public boolean isEmpty() {
        return primaryVersion == 0;
    }

    /** The version a rotation or an import adds; it becomes the primary. */
    public int nextVersion() {
        return primaryVersion + 1;
    }

    public KeyRing withNewVersion() {
        return new KeyRing(tenantId, nextVersion(), minDecryptionVersion);
    }

    /** Versions that may decrypt, newest first. */
    public List<Integer> decryptionVersions() {
        List<Integer> versions = new ArrayList<>();
        for (int version = primaryVersion; version >= minDecryptionVersion && version >= 1; version--) {
            versions.add(version);
        }
        return versions;
    }

    /** Why {@code minDecryptionVersion} cannot be set to this value, or null when it can. */
    public String minDecryptionVersionProblem(Integer requested) {
        if (requested == null) {
            return "is required";
        }
        if (requested < 1 || requested > primaryVersion) {
            return "must be between 1 and the primary version " + primaryVersion;
        }
        return null;
    }

    public KeyRing withMinDecryptionVersion(int version) {
        return new KeyRing(tenantId, primaryVersion, version);
    }

    /** State of one version as the key listing shows it. */
    public String stateOf(int version) {
        if (version == primaryVersion) {
            return "primary";
        }
        return version >= minDecryptionVersion ? "active" : "decryption_disabled";
    }
}
