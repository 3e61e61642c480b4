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
 * application.properties and in the shared microprofile-config.properties of the modules it uses (service-kit's;
 * identity's, the {@code MDP_OIDC_*} settings, which service-kit and the console use), with its default.
 */
record ServiceSettings(Map<String, Optional<String>> defaults) {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}$]*))?");
    /** {@code ${MDP_X:${X:default}}}: the earlier name X still works for a release; the setting is MDP_X with that default. */
    private static final Pattern EARLIER_NAME = Pattern.compile("\\$\\{(MDP_[A-Z0-9_]+):\\$\\{[A-Z][A-Z0-9_]*(?::([^}$]*))?}}");

    static ServiceSettings of(String service) {
        Map<String, Optional<String>> defaults = new LinkedHashMap<>();
        boolean serviceKit = uses(service, "service-kit");
        if (serviceKit) {
            read(sharedSettings("service-kit"), defaults);
        }
        if (serviceKit || uses(service, "identity")) {
            read(sharedSettings("identity"), defaults);
        }
        read(Manifests.ROOT.resolve(service).resolve("src/main/resources/application.properties"), defaults);
        return new ServiceSettings(defaults);
    }

    private static boolean uses(String service, String module) {
        try {
            return Files.readString(Manifests.ROOT.resolve(service).resolve("pom.xml")).contains("<artifactId>" + module + "</artifactId>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path sharedSettings(String module) {
        return Manifests.ROOT.resolve(module).resolve("src/main/resources/META-INF/microprofile-config.properties");
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

    /**
     * A key given either as a value or as a file (NAME or NAME_FILE), both with an empty default. Other empty
     * defaults are optional settings ({@code MDP_OIDC_ROLE_MAPPING}) or checked on their own ({@code MDP_OIDC_ISSUER}).
     */
    boolean optionalAlternative(String variable) {
        Optional<String> value = defaults.get(variable);
        boolean alternative = variable.endsWith("_FILE") || defaults.containsKey(variable + "_FILE");
        return alternative && value != null && value.isPresent() && value.get().isEmpty();
    }
}
