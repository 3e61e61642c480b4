package io.modulardata.kit.security;

import java.util.Base64;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the {@code iss} of a bearer token before it is verified, only to pick the keys that verify it. Nothing
 * read here is trusted: the chosen issuer's verification checks the signature and the {@code iss} again.
 */
final class UnverifiedClaims {

    private static final ObjectMapper JSON = new ObjectMapper();

    private UnverifiedClaims() {
    }

    static Optional<String> issuer(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        if (first < 0 || second < 0) {
            return Optional.empty();
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.substring(first + 1, second)));
            JsonNode issuer = claims == null ? null : claims.get("iss");
            return issuer != null && issuer.isTextual() ? Optional.of(issuer.asText()) : Optional.empty();
        } catch (Exception unreadable) {
            return Optional.empty();
        }
    }
}
