package io.modulardata.kit.security;

/** How the platform compares OpenID Connect issuers: a trailing slash names the same issuer. */
public final class IssuerUrls {

    private IssuerUrls() {
    }

    /** {@code issuer} as two are compared: without its trailing slash. */
    public static String comparable(String issuer) {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }
}
