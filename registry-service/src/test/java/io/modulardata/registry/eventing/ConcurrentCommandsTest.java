package io.modulardata.registry.eventing;

import static io.modulardata.registry.support.RegistryApi.asAdmin;
import static io.modulardata.registry.support.RegistryApi.grant;
import static io.modulardata.registry.support.RegistryApi.newComponentId;
import static io.modulardata.registry.support.RegistryApi.newTenantId;
import static io.modulardata.registry.support.RegistryApi.registerComponent;
import static io.modulardata.registry.support.RegistryApi.registerTenant;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.modulardata.infra.testing.JwtTestResource;
import io.modulardata.infra.testing.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Grants all change the tenant aggregate. Fired at once, they race on its version: a loser is re-run
 * on fresh state, and only answers 409 if it keeps losing. No update is lost, no version used twice.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
@WithTestResource(JwtTestResource.class)
class ConcurrentCommandsTest {

    @Test
    void concurrentCommandsOnOneAggregateNeverLoseAnUpdate() throws Exception {
        String tenantId = newTenantId();
        registerTenant(tenantId);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String componentId = newComponentId();
            registerComponent(componentId, "1.0.0", List.of("transform"), List.of("csv"), "public");
            keys.add(componentId + "-1.0.0");
        }

        ExecutorService pool = Executors.newFixedThreadPool(keys.size());
        try {
            List<Future<Integer>> answers = pool.invokeAll(keys.stream()
                    .map(key -> (Callable<Integer>) () -> grant(tenantId, key).extract().statusCode())
                    .toList());
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).allMatch(status -> status == 201 || status == 409);
            long committed = statuses.stream().filter(status -> status == 201).count();
            assertThat(committed).isPositive();

            asAdmin().get("/tenants/{t}", tenantId).then().statusCode(200)
                    .body("version", org.hamcrest.Matchers.equalTo((int) (1 + committed)));
            assertThat(asAdmin().get("/tenants/{t}/grants", tenantId).jsonPath().getList("componentKey")).hasSize((int) committed);
        } finally {
            pool.shutdownNow();
        }
        // A caller that lost the race succeeds by simply retrying.
        for (String key : keys) {
            int status = grant(tenantId, key).extract().statusCode();
            assertThat(status).isIn(200, 201);
        }
        asAdmin().get("/tenants/{t}", tenantId).then().body("version", org.hamcrest.Matchers.equalTo(1 + keys.size()));
    }
}
