package io.modulardata.registry.component;

import java.util.Comparator;
import java.util.regex.Pattern;

import org.semver4j.Semver;

/** Semantic versions (semver 2.0 precedence, via semver4j), without build metadata. */
public final class SemanticVersions {

    /** Ascending precedence: 1.0.0-alpha < 1.0.0 < 1.2.0 < 1.10.0. */
    public static final Comparator<String> PRECEDENCE = Comparator.comparing(Semver::new);

    // Build metadata ('+...') is refused: the version becomes part of keys, URLs and Kubernetes labels.
    private static final Pattern NO_BUILD_METADATA = Pattern.compile("[0-9A-Za-z.-]+");

    private SemanticVersions() {
    }

    public static boolean isValid(String version) {
        return version != null && NO_BUILD_METADATA.matcher(version).matches() && Semver.isValid(version)
                && !version.startsWith("v");
    }
}
