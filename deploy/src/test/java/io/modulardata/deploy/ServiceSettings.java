package io.modulardata.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables a service reads: every {@code ${NAME}} or {@code ${NAME:default}} in its
 * application.properties and, if it uses service-kit, in service-kit's shared microprofile-config.properties,
 * with its default.
 */
record ServiceSettings(Map<String, Optional<String>> defaults) {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}$]*))?");
    /** {@code ${MDP_X:${X:default}}}: the earlier name X still works for a release; the setting is MDP_X with that default. */
    private static final Pattern EARLIER_NAME = Pattern.compile("\\$\\{(MDP_[A-Z0-9_]+):\\$\\{[A-Z][A-Z0-9_]*(?::([^}$]*))?}}");

    static ServiceSettings of(String service) {
        Map<String, Optional<String>> defaults = new LinkedHashMap<>();
        if (usesServiceKit(service)) {
            read(Manifests.ROOT.resolve("service-kit/src/main/resources/META-INF/microprofile-config.properties"), defaults);
        }
        read(Manifests.ROOT.resolve(service).resolve("src/main/resources/application.properties"), defaults);
        return new ServiceSettings(defaults);
    }

    private static boolean usesServiceKit(String service) {
        try {
            return Files.readString(Manifests.ROOT.resolve(service).resolve("pom.xml")).contains("<artifactId>service-kit</artifactId>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void read(Path file, Map<String, Optional<String>> defaults) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("%") || line.startsWith("#")) {
                    continue; // a profile other than production, or a comment
                }
                Matcher matcher = VARIABLE.matcher(EARLIER_NAME.matcher(line).replaceAll(
                        earlier -> Matcher.quoteReplacement("${" + earlier.group(1)
                                + (earlier.group(2) == null ? "" : ":" + earlier.group(2)) + "}")));
                while (matcher.find()) {
                    defaults.putIfAbsent(matcher.group(1), Optional.ofNullable(matcher.group(2)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean reads(String variable) {
        return defaults.containsKey(variable);
    }

    /**
     * Must be passed in production: it has no default; or its default is a place on the developer's machine
     * (127.0.0.1, a .platform-data folder); or it is a database login, whose default is infra's local one.
     */
    boolean requires(String variable) {
        Optional<String> value = defaults.get(variable);
        return value == null ? false : value.isEmpty()
                || value.get().contains("127.0.0.1") || value.get().contains("localhost") || value.get().contains(".platform-data")
                || variable.startsWith("MDP_POSTGRES_") && (variable.endsWith("_USER") || variable.endsWith("_PASSWORD"));
    }

    /** Variables with an empty default, such as a key given either as a value or as a file (NAME or NAME_FILE). */
    boolean optionalAlternative(String variable) {
        Optional<String> value = defaults.get(variable);
        return value != null && value.isPresent() && value.get().isEmpty();
    }
}
