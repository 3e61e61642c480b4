package io.modulardata.security.events;

import static io.modulardata.security.support.SecurityApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.modulardata.infra.stack.Databases;
import io.modulardata.infra.testing.EventProbe;
import io.modulardata.infra.testing.JwtTestResource;
import io.modulardata.infra.testing.LocalStackTestResource;
import io.modulardata.infra.testing.TestTokens;
import io.modulardata.kit.outbox.OutboxRelay;
import io.modulardata.security.support.MasterKeyTestResource;
import io.modulardata.security.support.SecurityApi;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Audit before answer under concurrency: encrypt calls arriving together are committed in groups, each
 * call answers only after its event's group committed, every event reaches the topic exactly once, and
 * a group whose commit fails fails all its calls without returning a ciphertext.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "security"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(MasterKeyTestResource.class)
class GroupCommitTest {

    private static final int CALLS = 300;

    @Inject
    Pool pool;

    @Inject
    OutboxRelay relay;

    @Inject
    MeterRegistry meters;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void concurrentEncryptsAreCommittedInGroupsAndEachEventIsOnTheTopicExactlyOnce() {
        String tenantId = SecurityApi.newTenantId();
        SecurityApi.encrypt(tenantId, "creates the key ring");
        String prefix = "gc-" + tenantId + "-";
        DistributionSummary groups = meters.find("security.group.commit.events").summary();
        long groupsBefore = groups.count();
        double eventsBefore = groups.totalAmount();

        try (EventProbe probe = SecurityApi.probe()) {
            List<HttpResponse<String>> answers = encryptConcurrently(tenantId, prefix, CALLS);

            assertThat(answers).allSatisfy(answer -> {
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.body()).contains("\"encryptedPayload\":\"gAAAAA");
            });
            assertThat(groups.totalAmount() - eventsBefore).isGreaterThanOrEqualTo(CALLS);
            assertThat(groups.count() - groupsBefore).as("statements for %d events", CALLS).isLessThan(CALLS);
            // Answered means committed: every event is in the log already.
            assertThat(operationEvents(tenantId, prefix)).isEqualTo(CALLS);

            Set<String> expected = IntStream.range(0, CALLS).mapToObj(i -> prefix + i).collect(Collectors.toSet());
            for (String correlationId : expected) {
                SecurityApi.await(probe, tenantId, "data_encryption", correlationId);
            }
            // Nothing left to relay: any duplicate would already be on the topic.
            await().atMost(Duration.ofSeconds(30)).until(() -> relay.pendingCount().await().atMost(Duration.ofSeconds(5)) == 0
                    && !relay.isRunning());
            Map<String, Long> perCall = probe.collect(Duration.ofSeconds(1)).stream()
                    .filter(e -> tenantId.equals(e.field("tenantId")) && "data_encryption".equals(e.field("eventKind")))
                    .map(e -> String.valueOf(e.field("correlationId")))
                    .filter(expected::contains)
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(perCall).hasSize(CALLS);
            assertThat(perCall.values()).allMatch(count -> count == 1);
        }
    }

    @Test
    void whenTheGroupCannotBeCommittedEveryCallFailsAndNoCiphertextIsReturned() throws SQLException {
        String tenantId = SecurityApi.newTenantId();
        asAdmin().post("/tenants/{t}/keys/rotate", tenantId).then().statusCode(200);
        String prefix = "gcfail-" + tenantId + "-";
        String trigger = "refuse_" + tenantId;
        // A real database failure for this tenant's operation events only: the insert statement is refused.
        sql("create function " + trigger + "() returns trigger language plpgsql as $$ begin "
                + "raise exception 'refused by test'; end; $$");
        sql("create trigger " + trigger + " before insert on event_store for each row when (new.tenant_id = '"
                + tenantId + "' and new.aggregate_type = 'operation') execute function " + trigger + "()");
        try {
            List<HttpResponse<String>> answers = encryptConcurrently(tenantId, prefix, 20);
            assertThat(answers).allSatisfy(answer -> {
                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(answer.body()).doesNotContain("encryptedPayload").doesNotContain("gAAAAA")
                        .doesNotContain("refused by test");
            });
        } finally {
            sql("drop trigger " + trigger + " on event_store");
            sql("drop function " + trigger + "()");
        }
        assertThat(operationEvents(tenantId, prefix)).isZero();
        // The database is back: the next call is recorded and answered.
        assertThat(encryptConcurrently(tenantId, prefix + "again-", 1).get(0).statusCode()).isEqualTo(200);
    }

    private List<HttpResponse<String>> encryptConcurrently(String tenantId, String correlationPrefix, int calls) {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        URI uri = URI.create("http://127.0.0.1:" + port + "/tenants/" + tenantId + "/encrypt");
        String token = TestTokens.platformAdmin();
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("X-Correlation-Id", correlationPrefix + i)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"data\":\"secret " + i + "\"}")).build();
            pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        return pending.stream().map(CompletableFuture::join).toList();
    }

    private long operationEvents(String tenantId, String correlationPrefix) {
        return pool.preparedQuery("select count(*) from event_store where tenant_id = $1 and aggregate_type = 'operation' "
                + "and correlation_id like $2").execute(Tuple.of(tenantId, correlationPrefix + "%"))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    /** As the schema's owner: the service's own login, the runtime role, may not add or drop a trigger. */
    private static void sql(String statement) throws SQLException {
        try (Connection owner = Databases.connect(LocalStackTestResource.serviceDatabase("security").owner(), "security");
                Statement sql = owner.createStatement()) {
            sql.execute(statement);
        }
    }
}
