package io.modulardata.registry.tenant;

import static io.modulardata.registry.support.RegistryApi.as;
import static io.modulardata.registry.support.RegistryApi.asAdmin;
import static io.modulardata.registry.support.RegistryApi.newTenantId;
import static io.modulardata.registry.support.RegistryApi.registerTenant;
import static io.modulardata.registry.support.RegistryApi.tenantBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.modulardata.fixtures.EventProbe;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.RecordedEvent;
import io.modulardata.fixtures.TestTokens;
import io.modulardata.registry.support.RegistryEvents;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A tenant's own identity provider: set on registration or reconfiguration by a platform-admin, an event of its own. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
@WithTestResource(JwtTestResource.class)
class TenantIdentityProviderApiTest {

    private static final String EVENT = "io.modulardata.events.TenantIdentityProviderChanged";

    @Test
    void aTenantRegisteredWithItsProviderPublishesTheProviderAsAnEventOfItsOwn() {
        String tenantId = newTenantId();
        String issuer = "https://idp." + tenantId + ".example/realms/partner";
        try (EventProbe events = RegistryEvents.probe()) {
            asAdmin().body(withProvider(tenantBody(tenantId), Map.of("issuer", issuer))).post("/tenants")
                    .then().statusCode(201)
                    .body("identityProvider.issuer", equalTo(issuer))
                    .body("identityProvider.audience", equalTo("modulardata"))
                    .body("version", equalTo(2));

            RecordedEvent event = events.await(e -> tenantId.equals(e.field("aggregateId")) && EVENT.equals(e.type()), Duration.ofSeconds(20));
            assertThat(event.key()).isEqualTo(tenantId);
            assertThat(event.field("tenantId")).isEqualTo(tenantId);
            assertThat(event.field("issuer")).isEqualTo(issuer);
            assertThat(event.field("audience")).isEqualTo("modulardata");
            assertThat(event.value().get("aggregateVersion")).isEqualTo(2L);
        }
        as(TestTokens.tenantUser(tenantId)).get("/tenants/{id}", tenantId).then().statusCode(200)
                .body("identityProvider.issuer", equalTo(issuer));
    }

    @Test
    void changingAndRemovingTheProviderAreEventsAndTheRestOfTheConfigurationStays() {
        String tenantId = newTenantId();
        registerTenant(tenantId);
        String issuer = "http://localhost:8180/realms/" + tenantId;
        try (EventProbe events = RegistryEvents.probe()) {
            asAdmin().body(withProvider(tenantBody(tenantId), Map.of("issuer", issuer, "audience", "partner-api")))
                    .put("/tenants/{id}", tenantId)
                    .then().statusCode(200).body("identityProvider.audience", equalTo("partner-api")).body("version", equalTo(2));
            RecordedEvent set = events.await(e -> tenantId.equals(e.field("aggregateId")) && EVENT.equals(e.type()), Duration.ofSeconds(20));
            assertThat(set.field("issuer")).isEqualTo(issuer);
            assertThat(set.field("audience")).isEqualTo("partner-api");

            asAdmin().body(tenantBody(tenantId)).put("/tenants/{id}", tenantId)
                    .then().statusCode(200).body("identityProvider", nullValue()).body("version", equalTo(3));
            RecordedEvent removed = events.await(e -> tenantId.equals(e.field("aggregateId")) && EVENT.equals(e.type())
                    && e.value().get("aggregateVersion").equals(3L), Duration.ofSeconds(20));
            assertThat(removed.field("issuer")).isNull();
            assertThat(removed.field("audience")).isNull();
        }
        asAdmin().body(tenantBody(tenantId)).put("/tenants/{id}", tenantId).then().statusCode(200).body("version", equalTo(3));
        asAdmin().get("/tenants/{id}", tenantId).then().statusCode(200).body("tenantName", equalTo("Tenant " + tenantId));
    }

    @Test
    void twoTenantsCannotShareAnIssuer() {
        String first = newTenantId();
        String second = newTenantId();
        String issuer = "https://idp." + first + ".example";
        asAdmin().body(withProvider(tenantBody(first), Map.of("issuer", issuer))).post("/tenants").then().statusCode(201);

        asAdmin().body(withProvider(tenantBody(second), Map.of("issuer", issuer + "/"))).post("/tenants")
                .then().statusCode(409).contentType("application/problem+json").body("field", equalTo("identityProvider.issuer"));
        asAdmin().get("/tenants/{id}", second).then().statusCode(404);
        registerTenant(second);
        asAdmin().body(withProvider(tenantBody(second), Map.of("issuer", issuer))).put("/tenants/{id}", second)
                .then().statusCode(409).contentType("application/problem+json").body("field", equalTo("identityProvider.issuer"));
        asAdmin().get("/tenants/{id}", second).then().statusCode(200).body("identityProvider", nullValue()).body("version", equalTo(1));
        asAdmin().body(withProvider(tenantBody(first), Map.of("issuer", issuer))).put("/tenants/{id}", first)
                .then().statusCode(200).body("version", equalTo(2));
    }

    static List<Arguments> invalidProviders() {
        return List.of(
                Arguments.of(Map.of("issuer", "http://idp.example.com/realms/x"), "identityProvider.issuer"),
                Arguments.of(Map.of("issuer", "ftp://localhost/realms/x"), "identityProvider.issuer"),
                Arguments.of(Map.of("issuer", "not a url"), "identityProvider.issuer"),
                Arguments.of(Map.of("issuer", "https:///no-host"), "identityProvider.issuer"),
                Arguments.of(Map.of("issuer", "https://idp.example.com/?tenant=x"), "identityProvider.issuer"),
                Arguments.of(Map.of("issuer", ""), "identityProvider.issuer"),
                Arguments.of(Map.of("audience", "modulardata"), "identityProvider.issuer"),
                Arguments.of(Map.of("issuer", "https://idp.example.com", "audience", ""), "identityProvider.audience"),
                Arguments.of(Map.of("issuer", "https://idp.example.com", "audience", "a".repeat(129)), "identityProvider.audience"),
                Arguments.of(Map.of("issuer", "https://idp.example.com", "clientSecret", "x"), "identityProvider"));
    }

    @ParameterizedTest
    @MethodSource("invalidProviders")
    void aBadProviderIsA400NamingTheFieldAndWritesNothing(Map<String, Object> provider, String field) {
        String tenantId = newTenantId();
        asAdmin().body(withProvider(tenantBody(tenantId), provider)).post("/tenants")
                .then().statusCode(400).contentType("application/problem+json").body("field", startsWith(field));
        asAdmin().get("/tenants/{id}", tenantId).then().statusCode(404);

        registerTenant(tenantId);
        asAdmin().body(withProvider(tenantBody(tenantId), provider)).put("/tenants/{id}", tenantId)
                .then().statusCode(400).contentType("application/problem+json").body("field", startsWith(field));
        asAdmin().get("/tenants/{id}", tenantId).then().statusCode(200).body("version", equalTo(1)).body("identityProvider", nullValue());
    }

    @Test
    void onlyAPlatformAdminSetsAProvider() {
        String tenantId = newTenantId();
        registerTenant(tenantId);
        Map<String, Object> body = withProvider(tenantBody(tenantId), Map.of("issuer", "https://idp." + tenantId + ".example"));
        as(TestTokens.tenantAdmin(tenantId)).body(body).put("/tenants/{id}", tenantId).then().statusCode(403);
        as(TestTokens.auditor()).body(body).put("/tenants/{id}", tenantId).then().statusCode(403);
        asAdmin().get("/tenants/{id}", tenantId).then().statusCode(200).body("identityProvider", nullValue());
    }

    private static Map<String, Object> withProvider(Map<String, Object> tenant, Map<String, Object> provider) {
        Map<String, Object> body = new HashMap<>(tenant);
        body.put("identityProvider", provider);
        return body;
    }
}
