package io.modulardata.registry.eventing;

import static io.modulardata.registry.support.RegistryApi.asAdmin;
import static io.modulardata.registry.support.RegistryApi.grant;
import static io.modulardata.registry.support.RegistryApi.newComponentId;
import static io.modulardata.registry.support.RegistryApi.newTenantId;
import static io.modulardata.registry.support.RegistryApi.registerComponent;
import static io.modulardata.registry.support.RegistryApi.registerTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.registry.support.ForcedConflicts;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Grants all change the tenant aggregate, so they race on its version: a loser is re-run on fresh state
 * up to 4 times (service-kit/README.md, "How a command travels") and only then answers 409. No update is lost, no
 * version used twice.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
@WithTestResource(JwtTestResource.class)
class ConcurrentCommandsTest {

    /** Re-runs after a lost race, as documented. */
    private static final int RETRIES = 4;

    /**
     * Each lost race is a commit of another grant, and each grant commits once: with one more grant than
     * there are re-runs, every grant wins by its last attempt at the latest, however they interleave.
     */
    @Test
    void asManyConcurrentGrantsAsAttemptsAllSucceed() throws Exception {
        String tenantId = newTenantId();
        registerTenant(tenantId);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < RETRIES + 1; i++) {
            keys.add(newComponentVersion());
        }

        ExecutorService pool = Executors.newFixedThreadPool(keys.size());
        try {
            // All released at once, so that they do race.
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (String key : keys) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return grant(tenantId, key).extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsOnly(201).hasSize(keys.size());
        } finally {
            pool.shutdownNow();
        }
        asAdmin().get("/tenants/{t}", tenantId).then().statusCode(200).body("version", equalTo(1 + keys.size()));
        assertThat(asAdmin().get("/tenants/{t}/grants", tenantId).jsonPath().getList("componentKey", String.class))
                .containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void aCommandThatLosesFourRacesIsRunAFifthTimeAndSucceeds() throws Exception {
        String tenantId = newTenantId();
        registerTenant(tenantId);
        String componentKey = newComponentVersion();

        try (ForcedConflicts conflicts = ForcedConflicts.install()) {
            conflicts.onNextAppendsTo(tenantId, RETRIES);

            grant(tenantId, componentKey).statusCode(201);

            assertThat(conflicts.attempts(tenantId)).as("attempts to append the grant").isEqualTo(RETRIES + 1);
        }
        asAdmin().get("/tenants/{t}", tenantId).then().body("version", equalTo(2));
    }

    @Test
    void aCommandThatLosesAFifthRaceAnswers409AndChangesNothing() throws Exception {
        String tenantId = newTenantId();
        registerTenant(tenantId);
        String componentKey = newComponentVersion();

        try (ForcedConflicts conflicts = ForcedConflicts.install()) {
            conflicts.onNextAppendsTo(tenantId, RETRIES + 1);

            grant(tenantId, componentKey).statusCode(409).contentType("application/problem+json");

            assertThat(conflicts.attempts(tenantId)).as("attempts to append the grant").isEqualTo(RETRIES + 1);
        }
        asAdmin().get("/tenants/{t}", tenantId).then().body("version", equalTo(1));
        assertThat(asAdmin().get("/tenants/{t}/grants", tenantId).jsonPath().getList("componentKey")).isEmpty();
        // The caller may simply send it again.
        grant(tenantId, componentKey).statusCode(201);
    }

    /** Registers a fresh component version; returns its key. */
    private static String newComponentVersion() {
        String componentId = newComponentId();
        registerComponent(componentId, "1.0.0", List.of("transform"), List.of("csv"), "public");
        return componentId + "-1.0.0";
    }
}
