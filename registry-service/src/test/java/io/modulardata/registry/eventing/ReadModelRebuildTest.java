package io.modulardata.registry.eventing;

import static io.modulardata.registry.support.RegistryApi.as;
import static io.modulardata.registry.support.RegistryApi.asAdmin;
import static io.modulardata.registry.support.RegistryApi.grant;
import static io.modulardata.registry.support.RegistryApi.newComponentId;
import static io.modulardata.registry.support.RegistryApi.newTenantId;
import static io.modulardata.registry.support.RegistryApi.registerComponent;
import static io.modulardata.registry.support.RegistryApi.registerTenant;
import static io.modulardata.registry.support.RegistryApi.tenantBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The read models are a pure function of the event log: rebuilding them from it changes nothing. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
@WithTestResource(JwtTestResource.class)
class ReadModelRebuildTest {

    @Test
    void rebuildingFromTheEventLogReproducesEveryReadModel() {
        String tenantId = newTenantId();
        String componentId = newComponentId();
        registerTenant(tenantId);
        Map<String, Object> changed = new HashMap<>(tenantBody(tenantId));
        changed.put("maxConcurrentJobs", 9);
        asAdmin().body(changed).put("/tenants/{t}", tenantId).then().statusCode(200);
        registerComponent(componentId, "1.0.0", List.of("transform"), List.of("csv"), "internal");
        registerComponent(componentId, "1.1.0", List.of("transform"), List.of("csv"), "internal");
        asAdmin().body(Map.of("status", "DEPRECATED")).put("/components/{c}/versions/1.0.0/status", componentId).then().statusCode(200);
        grant(tenantId, componentId + "-1.0.0").statusCode(201);
        grant(tenantId, componentId + "-1.1.0").statusCode(201);
        asAdmin().delete("/tenants/{t}/grants/{k}", tenantId, componentId + "-1.1.0").then().statusCode(204);

        Snapshot before = Snapshot.take(tenantId, componentId);
        long replayed = asAdmin().post("/admin/read-models/rebuild").then().statusCode(200)
                .extract().jsonPath().getLong("eventsReplayed");
        Snapshot after = Snapshot.take(tenantId, componentId);

        assertThat(replayed).isGreaterThanOrEqualTo(8);
        assertThat(after).isEqualTo(before);
        assertThat(before.tenants()).contains("\"maxConcurrentJobs\":9");
        as(TestTokens.tenantAdmin(tenantId)).post("/admin/read-models/rebuild").then().statusCode(403);
    }

    record Snapshot(String tenants, String versions, String grants, String discovery) {
        static Snapshot take(String tenantId, String componentId) {
            return new Snapshot(
                    asAdmin().get("/tenants").asString(),
                    asAdmin().get("/components/{c}/versions", componentId).asString(),
                    asAdmin().get("/tenants/{t}/grants", tenantId).asString(),
                    asAdmin().get("/tenants/{t}/components", tenantId).asString());
        }
    }
}
