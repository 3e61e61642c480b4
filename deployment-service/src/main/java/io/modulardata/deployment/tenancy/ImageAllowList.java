package io.modulardata.deployment.tenancy;

import java.util.List;

/**
 * Whether an image is one a component version declares (registry-service checked each entry's form):
 * {@code repository} admits any tag of it, {@code repository:tag} exactly that tag, and
 * {@code repository@sha256:…} exactly that digest (the deploy must pin it with {@code imageDigest}).
 */
public final class ImageAllowList {

    private ImageAllowList() {
    }

    /** @param digest the requested {@code sha256:…} digest, or null when the image is not pinned */
    public static boolean admits(List<String> declared, String repository, String tag, String digest) {
        return declared.stream().anyMatch(entry -> admits(entry, repository, tag, digest));
    }

    static boolean admits(String entry, String repository, String tag, String digest) {
        int at = entry.indexOf('@');
        if (at >= 0) {
            return entry.substring(0, at).equals(repository) && entry.substring(at + 1).equals(digest);
        }
        int colon = entry.lastIndexOf(':');
        if (colon > entry.lastIndexOf('/')) {
            return entry.substring(0, colon).equals(repository) && entry.substring(colon + 1).equals(tag);
        }
        return entry.equals(repository);
    }
}
