package io.modulardata.console.signin;

import java.time.Duration;
import java.time.Instant;

import jakarta.ws.rs.core.NewCookie;

/**
 * The signed-in user's bearer token, kept in a cookie the page's scripts cannot read (HttpOnly) and that the
 * browser sends only with requests that start on the console itself (SameSite=Strict, so another site cannot
 * make a signed-in browser press a button). smallrye-jwt reads the token from it (mp.jwt.token.cookie).
 */
public final class SessionCookie {

    public static final String NAME = "mdp_console_token";

    private SessionCookie() {
    }

    /** Lives as long as the token; Secure when the console is reached over HTTPS. */
    public static NewCookie holding(String token, Instant expiresAt, boolean secure) {
        long seconds = Math.max(0, Duration.between(Instant.now(), expiresAt).toSeconds());
        return base(secure).value(token).maxAge((int) Math.min(seconds, Integer.MAX_VALUE)).build();
    }

    public static NewCookie cleared(boolean secure) {
        return base(secure).value("").maxAge(0).build();
    }

    private static NewCookie.Builder base(boolean secure) {
        return new NewCookie.Builder(NAME).path("/").httpOnly(true).secure(secure).sameSite(NewCookie.SameSite.STRICT);
    }
}
