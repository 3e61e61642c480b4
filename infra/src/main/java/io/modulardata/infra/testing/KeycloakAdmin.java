package io.modulardata.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modulardata.infra.oidc.PasswordGrant;
import io.modulardata.infra.stack.KeycloakServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Keycloak's Admin REST API as the bootstrap administrator, for what tests change at the provider: the signing
 * key of a realm. Plain {@code java.net.http} and Jackson, no admin client library.
 */
public final class KeycloakAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY_PROVIDER_TYPE = "org.keycloak.keys.KeyProvider";
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String url;

    /** {@code url}: the server, e.g. {@code http://localhost:8180}. */
    public KeycloakAdmin(String url) {
        this.url = url;
    }

    /** The key id ({@code kid}) the realm signs its RS256 tokens with now. */
    public String activeSigningKeyId(String realm) {
        return keys(realm).path("active").path("RS256").asText();
    }

    /**
     * Rotates the realm's RS256 signing key as an operator would: adds a new {@code rsa-generated} key provider with
     * a higher priority (it becomes the active key), then disables the provider of the old key, whose key then
     * leaves the realm's JWKS. Returns the new key's id.
     */
    public String rotateSigningKey(String realm) {
        String token = adminToken();
        JsonNode keys = keys(realm, token);
        String oldKid = keys.path("active").path("RS256").asText();
        JsonNode oldKey = signingKeys(keys).filter(key -> oldKid.equals(key.path("kid").asText())).findFirst()
                .orElseThrow(() -> new IllegalStateException("Realm " + realm + " has no active RS256 key"));
        long priority = signingKeys(keys).mapToLong(key -> key.path("providerPriority").asLong()).max().orElse(0) + 100;

        ObjectNode provider = JSON.createObjectNode()
                .put("name", "rsa-rotated-" + System.currentTimeMillis())
                .put("providerId", "rsa-generated")
                .put("providerType", KEY_PROVIDER_TYPE)
                .put("parentId", send(realm, token, "GET", "", null).path("id").asText());
        ObjectNode config = provider.putObject("config");
        config.putArray("priority").add(String.valueOf(priority));
        config.putArray("enabled").add("true");
        config.putArray("active").add("true");
        config.putArray("algorithm").add("RS256");
        config.putArray("keySize").add("2048");
        send(realm, token, "POST", "/components", provider);

        String oldProvider = oldKey.path("providerId").asText();
        ObjectNode old = (ObjectNode) send(realm, token, "GET", "/components/" + oldProvider, null);
        ((ObjectNode) old.path("config")).putArray("enabled").add("false");
        send(realm, token, "PUT", "/components/" + oldProvider, old);

        String newKid = activeSigningKeyId(realm);
        if (newKid.equals(oldKid)) {
            throw new IllegalStateException("Realm " + realm + " still signs with " + oldKid + " after the rotation");
        }
        return newKid;
    }

    /**
     * Creates an enabled user with a password, one realm role and, unless null, a {@code tenant} attribute (which the
     * realm's user profile declares: an undeclared attribute would be dropped); returns the user's id.
     */
    public String createUser(String realm, String username, String password, String role, String tenant) {
        String token = adminToken();
        ObjectNode user = JSON.createObjectNode()
                .put("username", username)
                .put("enabled", true)
                .put("emailVerified", true)
                .put("email", username + "@example.com")
                .put("firstName", username)
                .put("lastName", "Test");
        if (tenant != null) {
            user.putObject("attributes").putArray("tenant").add(tenant);
        }
        user.putArray("credentials").addObject().put("type", "password").put("value", password).put("temporary", false);
        send(realm, token, "POST", "/users", user);
        String id = send(realm, token, "GET", "/users?exact=true&username=" + username, null).path(0).path("id").asText();
        JsonNode realmRole = send(realm, token, "GET", "/roles/" + role, null);
        send(realm, token, "POST", "/users/" + id + "/role-mappings/realm", JSON.createArrayNode().add(realmRole));
        return id;
    }

    /** Sets how long the realm's access tokens live (e.g. to obtain one that expires at once); returns the earlier lifespan. */
    public Duration accessTokenLifespan(String realm, Duration lifespan) {
        String token = adminToken();
        long earlier = send(realm, token, "GET", "", null).path("accessTokenLifespan").asLong();
        send(realm, token, "PUT", "", JSON.createObjectNode().put("accessTokenLifespan", lifespan.toSeconds()));
        return Duration.ofSeconds(earlier);
    }

    /**
     * Lets a client send users back to {@code baseUrl} after signing in and out (a console on a port the realm file
     * does not list, e.g. a test's random port).
     */
    public void allowRedirects(String realm, String clientId, String baseUrl) {
        String token = adminToken();
        ObjectNode client = (ObjectNode) send(realm, token, "GET", "/clients?clientId=" + clientId, null).path(0);
        if (client.isMissingNode() || !client.has("id")) {
            throw new IllegalArgumentException("No client " + clientId + " in realm " + realm);
        }
        client.withArrayProperty("redirectUris").add(baseUrl + "/*");
        ObjectNode attributes = client.withObjectProperty("attributes");
        String logoutUris = attributes.path("post.logout.redirect.uris").asText("");
        attributes.put("post.logout.redirect.uris", (logoutUris.isEmpty() ? "" : logoutUris + "##") + baseUrl + "/*");
        send(realm, token, "PUT", "/clients/" + client.path("id").asText(), client);
    }

    private JsonNode keys(String realm) {
        return keys(realm, adminToken());
    }

    private JsonNode keys(String realm, String token) {
        return send(realm, token, "GET", "/keys", null);
    }

    private static Stream<JsonNode> signingKeys(JsonNode keys) {
        return StreamSupport.stream(keys.path("keys").spliterator(), false)
                .filter(key -> "RS256".equals(key.path("algorithm").asText()) && "SIG".equals(key.path("use").asText()));
    }

    private String adminToken() {
        return PasswordGrant.accessToken(KeycloakServer.issuer(url, "master"), "admin-cli",
                KeycloakServer.ADMIN_USER, KeycloakServer.ADMIN_PASSWORD);
    }

    /** A call to {@code /admin/realms/<realm><path>}; its JSON answer, or an empty object when it has none. */
    private JsonNode send(String realm, String token, String method, String path, JsonNode body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/admin/realms/" + realm + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + request.uri() + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + method + " " + request.uri(), e);
        }
    }
}
