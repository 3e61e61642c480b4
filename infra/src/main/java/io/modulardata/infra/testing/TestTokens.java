package io.modulardata.infra.testing;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Signs RS256 tokens for tests with a key pair made once per JVM; {@link JwtTestResource} hands the
 * public half to the service under test. No key is checked in. Quarkus loads this class in more than
 * one class loader, so the pair is kept in system properties, which every copy shares.
 */
public final class TestTokens {

    public static final String ISSUER = "https://modulardata.io/platform";

    private static final String PRIVATE_PROPERTY = "modulardata.test.jwt.private";
    private static final String PUBLIC_PROPERTY = "modulardata.test.jwt.public";
    private static final KeyPair KEYS = sharedKeyPair();

    private TestTokens() {
    }

    public static String platformAdmin() {
        return issue("platform-admin", null);
    }

    public static String auditor() {
        return issue("auditor", null);
    }

    public static String tenantAdmin(String tenantId) {
        return issue("tenant-admin", tenantId);
    }

    public static String tenantUser(String tenantId) {
        return issue("tenant-user", tenantId);
    }

    /** A token for {@code role}, bound to {@code tenantId} when it is not null. */
    public static String issue(String role, String tenantId) {
        String subject = tenantId == null ? "test-" + role : "test-" + role + "@" + tenantId;
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(Set.of(role)).expiresIn(3600);
        if (tenantId != null) {
            claims.claim("tenant", tenantId);
        }
        return claims.sign(KEYS.getPrivate());
    }

    /** A well-formed token signed by a key the services do not trust. */
    public static String signedByStranger(String role) {
        return Jwt.issuer(ISSUER).subject("stranger").groups(Set.of(role)).expiresIn(3600).sign(generate().getPrivate());
    }

    static String publicKeyPem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    private static KeyPair sharedKeyPair() {
        synchronized (System.getProperties()) {
            if (System.getProperty(PRIVATE_PROPERTY) == null) {
                KeyPair generated = generate();
                System.setProperty(PRIVATE_PROPERTY, Base64.getEncoder().encodeToString(generated.getPrivate().getEncoded()));
                System.setProperty(PUBLIC_PROPERTY, Base64.getEncoder().encodeToString(generated.getPublic().getEncoded()));
            }
            try {
                KeyFactory factory = KeyFactory.getInstance("RSA");
                return new KeyPair(
                        factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(System.getProperty(PUBLIC_PROPERTY)))),
                        factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(System.getProperty(PRIVATE_PROPERTY)))));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
