package io.modulardata.deployment.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.modulardata.deployment.support.RegistryEventsPublisher;
import io.modulardata.events.ComponentAccessGranted;
import io.modulardata.events.ComponentStatus;
import io.modulardata.events.DataEnvironment;
import io.modulardata.events.DataProcessingTier;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** registry-events from a real Kafka (through the real Apicurio serdes) become the facts deploys are checked against. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "deployment"))
@WithTestResource(JwtTestResource.class)
class RegistryKnowledgeTest {

    @Inject
    RegistryEventsPublisher registry;

    @Inject
    RegistryFacts facts;

    private static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private <T> T read(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> query) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(query));
    }

    @Test
    void learnsTenantsComponentsGrantsAndStatusFromRegistryEvents() {
        String tenant = newId("t");
        String component = newId("etl");
        registry.publish(registry.tenantRegistered(tenant, 3, List.of(DataEnvironment.DEVELOPMENT, DataEnvironment.STAGING),
                DataProcessingTier.CUSTOM, 750, Map.of("maxCpuCoresPerContainer", "12", "note", "\"a, b\"")));
        registry.publish(registry.componentRegistered(component, "1.0.0", "registry.example.com/data/etl",
                "registry.example.com/data/etl-sidecar:1.2@sha256:" + "ab".repeat(32)));
        registry.publish(registry.granted(tenant, component, "1.0.0", 2));
        registry.publish(registry.statusChanged(component, "1.0.0", ComponentStatus.ACTIVE, ComponentStatus.DEPRECATED, 2));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(read(() -> facts.tenant(tenant))).contains(new TenantFacts(tenant, 3,
                    Set.of(DataEnvironment.DEVELOPMENT, DataEnvironment.STAGING), DataProcessingTier.CUSTOM, 750,
                    Map.of("maxCpuCoresPerContainer", "12", "note", "\"a, b\"")));
            assertThat(read(() -> facts.isGranted(tenant, component + "-1.0.0"))).isTrue();
            assertThat(read(() -> facts.component(component + "-1.0.0")))
                    .contains(new ComponentFacts(component + "-1.0.0", component, "1.0.0", ComponentStatus.DEPRECATED,
                            List.of("registry.example.com/data/etl", "registry.example.com/data/etl-sidecar:1.2@sha256:" + "ab".repeat(32))));
        });
        assertThat(uncheckedRead(() -> facts.tenant(newId("ghost")))).isEqualTo(Optional.empty());
    }

    @Test
    void aRedeliveredEventIsAppliedOnlyOnce() {
        String tenant = newId("t");
        String component = newId("etl");
        registry.publish(registry.tenantRegistered(tenant, 1, List.of(DataEnvironment.STAGING)));
        ComponentAccessGranted grant = registry.granted(tenant, component, "1.0.0", 2);
        registry.publish(grant);
        registry.publish(registry.revoked(tenant, component, "1.0.0", 3));
        // at-least-once delivery: the grant arrives again, with its original eventId
        registry.publish(grant);
        registry.publish(registry.granted(tenant, "marker", "1.0.0", 4));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(read(() -> facts.isGranted(tenant, "marker-1.0.0"))).isTrue());
        assertThat(uncheckedRead(() -> facts.isGranted(tenant, component + "-1.0.0"))).isFalse();
    }

    /** The consumer applies a poll's records in one transaction: a repeat within it must see the first. */
    @Test
    void aBatchThatRepeatsAnEventAppliesItOnce() throws Throwable {
        String tenant = newId("t");
        String component = newId("etl");
        ComponentAccessGranted grant = registry.granted(tenant, component, "1.0.0", 2);

        int applied = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> facts.applyAllOnce(List.of(
                registry.tenantRegistered(tenant, 1, List.of(DataEnvironment.STAGING)), grant,
                registry.revoked(tenant, component, "1.0.0", 3), grant))));

        assertThat(applied).isEqualTo(3);
        assertThat(read(() -> facts.isGranted(tenant, component + "-1.0.0"))).isFalse();
        assertThat(read(() -> facts.tenant(tenant))).isPresent();
    }

    /**
     * The registry knowledge is not in this service's event log: it is rebuilt by re-reading
     * registry-events from the beginning. What the events say comes back; what they never said goes.
     */
    @Test
    void rebuildingFromRegistryEventsReproducesTheKnowledgeAndDropsWhatTheyNeverSaid() throws Throwable {
        String tenant = newId("t");
        String component = newId("etl");
        registry.publish(registry.tenantRegistered(tenant, 3, List.of(DataEnvironment.DEVELOPMENT, DataEnvironment.STAGING)));
        registry.publish(registry.componentRegistered(component, "1.0.0", "registry.example.com/data/etl"));
        registry.publish(registry.componentRegistered(component, "1.1.0", "registry.example.com/data/etl:1.1.0"));
        registry.publish(registry.statusChanged(component, "1.0.0", ComponentStatus.ACTIVE, ComponentStatus.DEPRECATED, 2));
        registry.publish(registry.granted(tenant, component, "1.0.0", 2));
        registry.publish(registry.granted(tenant, component, "1.1.0", 3));
        registry.publish(registry.revoked(tenant, component, "1.1.0", 4));
        String gone = newId("gone");
        registry.publish(registry.tenantRegistered(gone, 1, List.of(DataEnvironment.STAGING)));
        registry.publish(registry.offboarded(gone, 2));
        registry.publish(registry.granted(tenant, "marker", "1.0.0", 5));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(read(() -> facts.isGranted(tenant, "marker-1.0.0"))).isTrue();
            assertThat(read(() -> facts.component(component + "-1.0.0"))).map(ComponentFacts::status).contains(ComponentStatus.DEPRECATED);
        });
        Knowledge before = Knowledge.of(this, tenant, component);
        Optional<Offboarding> offboarded = read(() -> facts.offboarding(gone));
        assertThat(offboarded).isPresent();
        assertThat(read(() -> facts.offboarding(tenant))).isEmpty();
        // a projection bug: a grant registry-service never gave
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("insert into known_grant (tenant_id, component_key, granted_at) values (?1, 'ghost-9.9.9', now())")
                .setParameter(1, tenant).executeUpdate())));
        assertThat(read(() -> facts.isGranted(tenant, "ghost-9.9.9"))).isTrue();

        long replayed = given().auth().oauth2(io.modulardata.fixtures.TestTokens.platformAdmin())
                .post("/admin/registry-knowledge/rebuild").then().statusCode(200).extract().jsonPath().getLong("eventsReplayed");

        assertThat(replayed).isGreaterThanOrEqualTo(10);
        assertThat(Knowledge.of(this, tenant, component)).isEqualTo(before);
        assertThat(read(() -> facts.offboarding(gone))).isEqualTo(offboarded);
        assertThat(before.granted()).containsExactly(true, false, true);
        assertThat(read(() -> facts.isGranted(tenant, "ghost-9.9.9"))).isFalse();
        given().auth().oauth2(io.modulardata.fixtures.TestTokens.platformAdmin()).contentType("application/json")
                .body(java.util.Map.of("componentId", "ghost", "componentVersion", "9.9.9", "environment", "STAGING",
                        "container", java.util.Map.of("imageName", "x", "imageTag", "1", "containerName", "etl")))
                .post("/tenants/" + tenant + "/deployments").then().statusCode(403).body("field", equalTo("componentVersion"));
        // the live consumer goes on where it was
        registry.publish(registry.granted(tenant, component, "1.1.0", 6));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(read(() -> facts.isGranted(tenant, component + "-1.1.0"))).isTrue());
        given().auth().oauth2(io.modulardata.fixtures.TestTokens.tenantAdmin(tenant)).post("/admin/registry-knowledge/rebuild")
                .then().statusCode(403);
        given().post("/admin/registry-knowledge/rebuild").then().statusCode(401);
    }

    /** Everything the service knows about one tenant and one component's two versions. */
    record Knowledge(Optional<TenantFacts> tenant, List<Boolean> granted, Optional<ComponentFacts> v100, Optional<ComponentFacts> v110) {
        static Knowledge of(RegistryKnowledgeTest test, String tenant, String component) throws Throwable {
            return new Knowledge(test.read(() -> test.facts.tenant(tenant)),
                    List.of(test.read(() -> test.facts.isGranted(tenant, component + "-1.0.0")),
                            test.read(() -> test.facts.isGranted(tenant, component + "-1.1.0")),
                            test.read(() -> test.facts.isGranted(tenant, "marker-1.0.0"))),
                    test.read(() -> test.facts.component(component + "-1.0.0")),
                    test.read(() -> test.facts.component(component + "-1.1.0")));
        }
    }

    @Test
    void startsWithoutAClusterAndSaysSoInReadiness() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Kubernetes cluster' }.data.cluster", equalTo("not configured"));
    }

    private <T> T uncheckedRead(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> query) {
        try {
            return read(query);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }
}
