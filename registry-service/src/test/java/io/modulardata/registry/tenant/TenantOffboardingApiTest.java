package io.modulardata.registry.tenant;

import static io.modulardata.registry.support.RegistryApi.as;
import static io.modulardata.registry.support.RegistryApi.asAdmin;
import static io.modulardata.registry.support.RegistryApi.grant;
import static io.modulardata.registry.support.RegistryApi.newComponentId;
import static io.modulardata.registry.support.RegistryApi.newTenantId;
import static io.modulardata.registry.support.RegistryApi.registerComponent;
import static io.modulardata.registry.support.RegistryApi.registerTenant;
import static io.modulardata.registry.support.RegistryApi.tenantBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.modulardata.fixtures.EventProbe;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.RecordedEvent;
import io.modulardata.fixtures.TestTokens;
import io.modulardata.registry.support.RegistryEvents;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 18: offboarding a tenant (DELETE /tenants/{t}, platform-admin) is the event TenantOffboarded, after the removal of
 * the tenant's own identity provider; from then on the tenant's commands answer 410 tenant-offboarded and change
 * nothing, its id is never registered again, its reads still answer, and a repeat records nothing.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
@WithTestResource(JwtTestResource.class)
class TenantOffboardingApiTest {

    private static final String OFFBOARDED = "io.modulardata.events.TenantOffboarded";
    private static final String PROVIDER_CHANGED = "io.modulardata.events.TenantIdentityProviderChanged";

    @Test
    void anOffboardedTenantTakesNoMoreCommandsAndFreesItsIssuer() {
        String tenantId = newTenantId();
        String issuer = "https://idp." + tenantId + ".example/realms/own";
        Map<String, Object> withProvider = new HashMap<>(tenantBody(tenantId));
        withProvider.put("identityProvider", Map.of("issuer", issuer));
        asAdmin().body(withProvider).post("/tenants").then().statusCode(201);
        String componentId = newComponentId();
        registerComponent(componentId, "1.0.0", List.of("transform"), List.of("csv"), "internal");
        // Versions: registered 1, its provider 2, the grant 3.
        grant(tenantId, componentId + "-1.0.0").statusCode(201);

        try (EventProbe events = RegistryEvents.probe()) {
            asAdmin().delete("/tenants/{id}", tenantId).then().statusCode(202)
                    .body("offboardedAt", notNullValue()).body("identityProvider", nullValue()).body("version", equalTo(5));

            RecordedEvent removed = events.await(e -> tenantId.equals(e.field("aggregateId")) && PROVIDER_CHANGED.equals(e.type())
                    && e.value().get("aggregateVersion").equals(4L), Duration.ofSeconds(20));
            RecordedEvent offboarded = events.await(e -> tenantId.equals(e.field("aggregateId")) && OFFBOARDED.equals(e.type()),
                    Duration.ofSeconds(20));
            assertThat(removed.field("issuer")).isNull();
            assertThat(offboarded.key()).isEqualTo(tenantId);
            assertThat(offboarded.field("tenantId")).isEqualTo(tenantId);
            assertThat(offboarded.value().get("aggregateVersion")).isEqualTo(5L);
            assertThat(offboarded.field("eventId")).isNotEqualTo(removed.field("eventId"));
        }

        asAdmin().body(tenantBody(tenantId)).put("/tenants/{id}", tenantId).then().statusCode(410)
                .contentType("application/problem+json").body("type", endsWith("tenant-offboarded"));
        asAdmin().put("/tenants/{t}/grants/{k}", tenantId, componentId + "-1.0.0").then().statusCode(410)
                .body("type", endsWith("tenant-offboarded"));
        asAdmin().delete("/tenants/{t}/grants/{k}", tenantId, componentId + "-1.0.0").then().statusCode(410);
        asAdmin().body(tenantBody(tenantId)).post("/tenants").then().statusCode(409);
        // A repeat answers the same and records nothing (the version stays); reads still answer.
        asAdmin().delete("/tenants/{id}", tenantId).then().statusCode(202).body("version", equalTo(5));
        asAdmin().get("/tenants/{id}", tenantId).then().statusCode(200).body("version", equalTo(5))
                .body("offboardedAt", notNullValue()).body("tenantName", equalTo("Tenant " + tenantId));
        asAdmin().get("/tenants/{t}/grants", tenantId).then().statusCode(200);
        // Its issuer may serve another tenant now.
        String successor = newTenantId();
        Map<String, Object> successorWithProvider = new HashMap<>(tenantBody(successor));
        successorWithProvider.put("identityProvider", Map.of("issuer", issuer));
        asAdmin().body(successorWithProvider).post("/tenants").then().statusCode(201);
    }

    @Test
    void onlyAPlatformAdminOffboardsAndAnUnknownTenantIs404() {
        String tenantId = newTenantId();
        registerTenant(tenantId);
        for (String token : List.of(TestTokens.tenantAdmin(tenantId), TestTokens.tenantUser(tenantId), TestTokens.auditor())) {
            as(token).delete("/tenants/{id}", tenantId).then().statusCode(403);
        }
        asAdmin().get("/tenants/{id}", tenantId).then().statusCode(200).body("offboardedAt", nullValue()).body("version", equalTo(1));
        asAdmin().delete("/tenants/{id}", newTenantId()).then().statusCode(404).contentType("application/problem+json");
    }

    /** Vert.x removes dot segments before routing: an encoded ".." one segment below must never reach DELETE /tenants/{t}. */
    @Test
    void anEncodedDotSegmentNeverReachesTheTenantsOffboarding() {
        String tenantId = newTenantId();
        registerTenant(tenantId);
        for (String path : List.of("/tenants/" + tenantId + "/grants/%2E%2E", "/tenants/" + tenantId + "/grants/%2e%2e",
                "/tenants/" + tenantId + "/grants/..", "/tenants/" + tenantId + "/x/%2E%2E/%2E")) {
            asAdmin().urlEncodingEnabled(false).delete(path).then().statusCode(400)
                    .contentType("application/problem+json").body("field", equalTo("path"));
        }
        asAdmin().get("/tenants/{id}", tenantId).then().statusCode(200).body("offboardedAt", nullValue()).body("version", equalTo(1));
    }
}
