package io.modulardata.infra.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modulardata.infra.stack.KeycloakServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The demo users of a realm file ({@link KeycloakServer#realmResource}) and their passwords, read from the file
 * itself, so that the docs' table, {@code token --user} and the tests cannot disagree with what Keycloak imports.
 */
public final class DemoUsers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> passwords;

    private DemoUsers(Map<String, String> passwords) {
        this.passwords = passwords;
    }

    public static DemoUsers of(String realm) {
        String resource = KeycloakServer.realmResource(realm);
        try (InputStream definition = DemoUsers.class.getResourceAsStream(resource)) {
            if (definition == null) {
                throw new IllegalArgumentException("No realm file " + resource + " for realm '" + realm + "'");
            }
            Map<String, String> passwords = new LinkedHashMap<>();
            for (JsonNode user : JSON.readTree(definition).path("users")) {
                for (JsonNode credential : user.path("credentials")) {
                    if ("password".equals(credential.path("type").asText())) {
                        passwords.put(user.path("username").asText(), credential.path("value").asText());
                    }
                }
            }
            return new DemoUsers(Map.copyOf(passwords));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    public Optional<String> password(String username) {
        return Optional.ofNullable(passwords.get(username));
    }

    /** Sorted user names, for messages. */
    public String names() {
        return String.join(", ", passwords.keySet().stream().sorted().toList());
    }
}
