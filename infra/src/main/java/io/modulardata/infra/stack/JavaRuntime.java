package io.modulardata.infra.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A JDK on this machine, as its {@code release} file describes it: {@code JAVA_VERSION="25.0.3"}. */
public record JavaRuntime(Path home, String version) {

    private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"([^\"]+)\"");

    /** The JDK at {@code home}, or empty when there is none (no release file, no bin/java). */
    public static Optional<JavaRuntime> at(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
            return Optional.empty();
        }
        try {
            Matcher version = VERSION.matcher(Files.readString(release));
            return version.find() ? Optional.of(new JavaRuntime(home, version.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The feature release: 17 for "17.0.15", 25 for "25.0.3", 8 for "1.8.0_402". */
    public int feature() {
        String[] parts = version.split("[.+_-]");
        int first = Integer.parseInt(parts[0]);
        return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
    }

    public String java() {
        return home.resolve("bin/java").toString();
    }
}
