package io.modulardata.deployment.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.modulardata.deployment.registry.RegistryFacts;
import io.modulardata.deployment.support.RegistryEventsPublisher;
import io.modulardata.events.DataEnvironment;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.TestTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;

/** Issue 12: the tenant's quotas hold, also under concurrent deploys. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "deployment"))
@WithTestResource(JwtTestResource.class)
class TenantQuotaTest {

    @Inject
    RegistryEventsPublisher registry;

    @Inject
    RegistryFacts facts;

    @Test
    void ofTwentyParallelDeploysOfATenantWithOneJobExactlyOneIsAccepted() throws Exception {
        String tenant = newId("t");
        List<String> components = IntStream.range(0, 20).mapToObj(i -> newId("c" + i)).toList();
        tenantWithGrants(tenant, 1, 500, null, components);
        var pool = Executors.newFixedThreadPool(components.size());
        List<Response> responses = new ArrayList<>();
        try {
            List<Future<Response>> calls = components.stream()
                    .map(component -> pool.submit(() -> deploy(tenant, component, 1.0))).toList();
            for (Future<Response> call : calls) {
                responses.add(call.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(responses).filteredOn(r -> r.statusCode() == 202).hasSize(1);
        responses.stream().filter(r -> r.statusCode() != 202).forEach(r -> r.then().statusCode(409)
                .contentType("application/problem+json").body("field", equalTo("componentId"))
                .body("detail", containsString("1 of its 1 concurrent jobs")));
        as(TestTokens.platformAdmin()).get("/tenants/" + tenant + "/deployments").then().body("size()", equalTo(1));
    }

    @Test
    void refusesADeployBeyondTheDataStorageQuotaNamingQuotaUseAndRequest() {
        String tenant = newId("t");
        String first = newId("a");
        String second = newId("b");
        tenantWithGrants(tenant, 5, 50, null, List.of(first, second));
        deploy(tenant, first, 30.0).then().statusCode(202);
        deploy(tenant, second, 20.5).then().statusCode(422).contentType("application/problem+json")
                .body("field", equalTo("container.storageGb"))
                .body("detail", allOf(containsString("dataStorageQuotaGb of 50"), containsString("uses 30"), containsString("requests 20.5")));
        deploy(tenant, second, 20.0).then().statusCode(202);
        as(TestTokens.platformAdmin()).get("/tenants/" + tenant + "/deployments").then().body("size()", equalTo(2));
    }

    @Test
    void refusesNewDeploysOnceTheMonthsProcessingHoursAreUsedUp() {
        String tenant = newId("t");
        String running = newId("a");
        String next = newId("b");
        tenantWithGrants(tenant, 5, 500, 2, List.of(running, next));
        String id = deploy(tenant, running, 1.0).then().statusCode(202).extract().path("deploymentId");
        // Hours served last month do not count towards this month's limit.
        servedTraffic(id, "date_trunc('month', now() at time zone 'UTC') at time zone 'UTC' - interval '5 hours'",
                "date_trunc('month', now() at time zone 'UTC') at time zone 'UTC' - interval '1 hour'");
        deploy(tenant, next, 1.0).then().statusCode(202);
        String another = newId("c");
        tenantWithGrants(tenant, 5, 500, 2, List.of(another));
        // (In the first two hours of a month, fewer than two hours of it have passed: this step would see less.)
        servedTraffic(id, "now() - interval '2 hours 1 minute'", "null");
        deploy(tenant, another, 1.0).then().statusCode(422).contentType("application/problem+json")
                .body("type", containsString("processing-hours-exhausted"))
                .body("detail", containsString("maxMonthlyProcessingHours of 2"));
    }

    /**
     * The deployment has served traffic from {@code since} until {@code until} (SQL expressions): set up in
     * the read model, as the mock-free API test has no cluster to serve hours on.
     */
    private static void servedTraffic(String deploymentId, String since, String until) {
        transaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("update deployment set status = 'DEPLOYED', "
                + "live = true, live_since = " + since + ", live_until = " + until + " where deployment_id = ?1")
                .setParameter(1, deploymentId).executeUpdate()));
    }

    private static Response deploy(String tenant, String component, double storageGb) {
        return as(TestTokens.platformAdmin()).body(Map.of("componentId", component, "componentVersion", "1.0.0", "environment", "STAGING",
                "container", Map.of("imageName", "registry.example.com/data/" + component, "imageTag", "1.0.0",
                        "containerName", component, "cpuCores", 0.5, "memoryGb", 1.0, "storageGb", storageGb)))
                .post("/tenants/" + tenant + "/deployments");
    }

    private void tenantWithGrants(String tenant, int maxJobs, Integer storageQuotaGb, Integer monthlyHours, List<String> components) {
        registry.publish(registry.tenantWithQuotas(tenant, maxJobs, List.of(DataEnvironment.STAGING), storageQuotaGb, monthlyHours));
        for (String component : components) {
            registry.publish(registry.componentRegistered(component, "1.0.0", "registry.example.com/data/" + component));
            registry.publish(registry.granted(tenant, component, "1.0.0", 2));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> components.stream().allMatch(component -> holds(
                () -> facts.isGranted(tenant, component + "-1.0.0").chain(granted -> facts.component(component + "-1.0.0")
                        .map(found -> granted && found.isPresent())))));
    }

    private static boolean holds(Supplier<Uni<Boolean>> condition) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(condition));
        } catch (Throwable e) {
            return false;
        }
    }

    private static void transaction(Supplier<Uni<Integer>> work) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static io.restassured.specification.RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    private static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
