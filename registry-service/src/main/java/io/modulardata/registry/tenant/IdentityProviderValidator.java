package io.modulardata.registry.tenant;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

import io.modulardata.kit.problem.FieldErrors;

/**
 * Checks a requested {@link IdentityProvider}: the issuer an absolute https URL (plain http only for a provider
 * on this machine, as in tests), the audience 1 to 128 characters.
 */
final class IdentityProviderValidator {

    static final String FIELD = "identityProvider";
    static final int MAX_ISSUER_LENGTH = 512;
    static final int MAX_AUDIENCE_LENGTH = 128;
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1");

    private IdentityProviderValidator() {
    }

    /** The provider with its audience defaulted, or null for none; errors are added to {@code errors}. */
    static IdentityProvider valid(IdentityProvider requested, FieldErrors errors) {
        if (requested == null) {
            return null;
        }
        String audience = requested.audience() == null ? IdentityProvider.DEFAULT_AUDIENCE : requested.audience();
        errors.text(FIELD + ".issuer", requested.issuer(), MAX_ISSUER_LENGTH, null, null)
                .text(FIELD + ".audience", audience, MAX_AUDIENCE_LENGTH, null, null);
        if (requested.issuer() != null && !requested.issuer().isBlank() && requested.issuer().length() <= MAX_ISSUER_LENGTH) {
            checkIssuer(requested.issuer(), errors);
        }
        return new IdentityProvider(requested.issuer(), audience);
    }

    private static void checkIssuer(String issuer, FieldErrors errors) {
        URI uri;
        try {
            uri = new URI(issuer);
        } catch (URISyntaxException e) {
            errors.add(FIELD + ".issuer", "must be a URL");
            return;
        }
        boolean https = "https".equals(uri.getScheme());
        boolean localHttp = "http".equals(uri.getScheme()) && uri.getHost() != null && LOCAL_HOSTS.contains(uri.getHost());
        if (!(https || localHttp) || uri.getHost() == null) {
            errors.add(FIELD + ".issuer", "must be an https URL (http only for localhost or 127.0.0.1)");
        } else if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            errors.add(FIELD + ".issuer", "must be an issuer URL without user, query or fragment");
        }
    }
}
