package io.modulardata.systemtests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bearer tokens the services must refuse, made by hand (the CLI only issues good ones): expired,
 * signed by a stranger's key, unsigned ({@code alg: none}), from another issuer, and not a JWT at all.
 */
final class HostileTokens {

    private static final String ISSUER = "https://modulardata.io/platform";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private HostileTokens() {
    }

    /** Name of the case → token; each would be a platform-admin token if the service accepted it. */
    static Map<String, String> all(Path jwtDir) throws IOException, GeneralSecurityException {
        PrivateKey platformKey = platformKey(jwtDir.resolve("private.pem"));
        PrivateKey strangerKey = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        long now = Instant.now().getEpochSecond();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("garbage token", "not-a-jwt");
        tokens.put("expired token", rs256(platformKey, claims(ISSUER, now - 7200, now - 3600)));
        tokens.put("token signed by another key", rs256(strangerKey, claims(ISSUER, now, now + 3600)));
        tokens.put("unsigned token (alg none)", URL.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + URL.encodeToString(claims(ISSUER, now, now + 3600).getBytes(StandardCharsets.UTF_8)) + ".");
        tokens.put("token of another issuer", rs256(platformKey, claims("https://evil.example", now, now + 3600)));
        return tokens;
    }

    private static String claims(String issuer, long issuedAt, long expiresAt) {
        return """
                {"iss":"%s","sub":"intruder","upn":"intruder","groups":["platform-admin"],"iat":%d,"exp":%d}"""
                .formatted(issuer, issuedAt, expiresAt);
    }

    private static String rs256(PrivateKey key, String claims) throws GeneralSecurityException {
        String signingInput = URL.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + URL.encodeToString(signature.sign());
    }

    private static PrivateKey platformKey(Path pem) throws IOException, GeneralSecurityException {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
