package io.modulardata.infra.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Obtains an access token from an OpenID Connect provider with the resource owner password grant: the token
 * endpoint comes from the issuer's discovery document. For a local Keycloak's demo users and tests only; people
 * sign in to the console with the authorization code flow.
 */
public final class PasswordGrant {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private PasswordGrant() {
    }

    /** The access token of {@code username}, requested by the public client {@code clientId}. */
    public static String accessToken(String issuer, String clientId, String username, String password) {
        String tokenEndpoint = discover(issuer).path("token_endpoint").asText();
        if (tokenEndpoint.isEmpty()) {
            throw new TokenRequestException("The discovery document of " + issuer + " names no token_endpoint");
        }
        HttpResponse<String> response = send(issuer, HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                        "grant_type", "password",
                        "client_id", clientId,
                        "username", username,
                        "password", password,
                        "scope", "openid")))));
        JsonNode body = parse(response.body());
        if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
            throw new TokenRequestException(issuer + " refused a token for user '" + username + "' (client " + clientId
                    + "): " + body.path("error_description").asText(body.path("error").asText("HTTP " + response.statusCode())));
        }
        return body.get("access_token").asText();
    }

    /** The issuer's {@code /.well-known/openid-configuration}. */
    public static JsonNode discover(String issuer) {
        HttpResponse<String> response = send(issuer,
                HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration")).GET());
        if (response.statusCode() != 200) {
            throw new TokenRequestException("No OpenID Connect issuer at " + issuer + " (discovery answered HTTP "
                    + response.statusCode() + ")");
        }
        return parse(response.body());
    }

    private static HttpResponse<String> send(String issuer, HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProviderUnreachableException("No identity provider answers at " + issuer + ": "
                    + (e.getMessage() == null ? "connection refused or timed out" : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenRequestException("Interrupted while asking " + issuer + " for a token", e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
