package io.modulardata.security.keys;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a tenant's key ring, like Vault Transit: versions 1, 2, 3 ... ; the newest is the
 * primary (it encrypts); decryption accepts versions from the newest down to
 * {@code minDecryptionVersion}, and never more than {@code maxDecryptable} of them (a Fernet token does
 * not say which version made it, so every accepted version may be tried). Plain class, no I/O.
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

    /** Why no version may be added now (it would make more than {@code maxDecryptable} versions decrypt), or null. */
    public String newVersionProblem(int maxDecryptable) {
        if (nextVersion() - minDecryptionVersion + 1 <= maxDecryptable) {
            return null;
        }
        return "Tenant " + tenantId + " already has " + maxDecryptable + " key versions that may decrypt (versions "
                + minDecryptionVersion + " to " + primaryVersion + "; at most " + maxDecryptable
                + " are allowed). Rewrap what is still under version " + minDecryptionVersion
                + ", then raise minDecryptionVersion (PUT /tenants/" + tenantId + "/keys/config) before adding a version";
    }

    /** Versions that may decrypt, newest first: from the primary down to the minimum, at most {@code maxDecryptable}. */
    public List<Integer> decryptionVersions(int maxDecryptable) {
        List<Integer> versions = new ArrayList<>();
        for (int version = primaryVersion; version >= lowestDecryptable(maxDecryptable) && version >= 1; version--) {
            versions.add(version);
        }
        return versions;
    }

    /** Why {@code minDecryptionVersion} cannot be set to this value, or null when it can. */
    public String minDecryptionVersionProblem(Integer requested, int maxDecryptable) {
        if (requested == null) {
            return "is required";
        }
        if (requested < 1 || requested > primaryVersion) {
            return "must be between 1 and the primary version " + primaryVersion;
        }
        if (primaryVersion - requested + 1 > maxDecryptable) {
            return "must be at least " + (primaryVersion - maxDecryptable + 1) + ": at most " + maxDecryptable
                    + " key versions may decrypt";
        }
        return null;
    }

    public KeyRing withMinDecryptionVersion(int version) {
        return new KeyRing(tenantId, primaryVersion, version);
    }

    /** State of one version as the key listing shows it. */
    public String stateOf(int version, int maxDecryptable) {
        if (version == primaryVersion) {
            return "primary";
        }
        return version >= lowestDecryptable(maxDecryptable) ? "active" : "decryption_disabled";
    }

    /** A ring may hold more versions above its minimum than allowed only if the limit was lowered later. */
    private int lowestDecryptable(int maxDecryptable) {
        return Math.max(minDecryptionVersion, primaryVersion - maxDecryptable + 1);
    }
}
