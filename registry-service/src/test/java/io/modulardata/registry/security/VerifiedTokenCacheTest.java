package io.modulardata.registry.security;

import static io.restassured.RestAssured.given;
import static io.modulardata.registry.support.RegistryApi.newTenantId;
import static io.modulardata.registry.support.RegistryApi.registerTenant;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.TestTokens;
import io.modulardata.kit.security.VerifiedTokenCache;
import io.quarkus.oidc.runtime.OidcIdentityProvider;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Remembering verified tokens must not let anything through that verification would refuse. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
@WithTestResource(JwtTestResource.class)
class VerifiedTokenCacheTest {

    @Inject
    VerifiedTokenCache cache;

    @Inject
    OidcIdentityProvider verification;

    @Test
    void bearerTokensGoThroughTheCache() {
        // Identity providers are asked in order of priority: the cache first, and it calls quarkus-oidc's itself.
        assertThat(cache.priority()).isGreaterThan(verification.priority());
    }

    @Test
    void aTamperedCopyOfAnAcceptedTokenIsRefused() {
        String token = TestTokens.platformAdmin();
        given().auth().oauth2(token).get("/tenants").then().statusCode(200);
        given().auth().oauth2(token).get("/tenants").then().statusCode(200);

        String[] parts = token.split("\\.");
        // Same header and signature, a payload that claims another role: the signature no longer matches.
        String otherClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("platform-admin", "platform-admix").getBytes(StandardCharsets.UTF_8));
        given().auth().oauth2(parts[0] + "." + otherClaims + "." + parts[2]).get("/tenants").then().statusCode(401);
        String flippedSignature = parts[2].substring(0, 10) + (parts[2].charAt(10) == 'A' ? 'B' : 'A') + parts[2].substring(11);
        given().auth().oauth2(parts[0] + "." + parts[1] + "." + flippedSignature).get("/tenants").then().statusCode(401);
        given().auth().oauth2(TestTokens.signedByStranger("platform-admin")).get("/tenants").then().statusCode(401);
        // and the original still works
        given().auth().oauth2(token).get("/tenants").then().statusCode(200);
    }

    @Test
    void aTenantTokenCachedOnceStillOnlyReachesItsTenant() {
        String own = newTenantId();
        String other = newTenantId();
        registerTenant(own);
        registerTenant(other);
        String token = TestTokens.tenantAdmin(own);
        for (int call = 0; call < 2; call++) {
            given().auth().oauth2(token).get("/tenants/{t}/components", own).then().statusCode(200);
            // The other tenant exists (its admin and the platform admin see it), yet to this token it answers
            // 404 as if it did not, however often the token was seen.
            given().auth().oauth2(token).get("/tenants/{t}/components", other).then().statusCode(404);
            given().auth().oauth2(token).get("/tenants/{t}", other).then().statusCode(404);
        }
        given().auth().oauth2(TestTokens.tenantAdmin(other)).get("/tenants/{t}/components", other).then().statusCode(200);
        given().auth().oauth2(TestTokens.platformAdmin()).get("/tenants/{t}", other).then().statusCode(200);
    }
}
