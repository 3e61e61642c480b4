package io.modulardata.security.encryption;

import static io.modulardata.security.support.SecurityApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.RefusedEventInserts;
import io.modulardata.fixtures.TestTokens;
import io.modulardata.security.support.MasterKeyTestResource;
import io.modulardata.security.support.SecurityApi;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Audit before answer: encrypt calls are group-committed (the kit's GroupCommitRecorder, tested in
 * service-kit), and when their group cannot be committed every call fails without returning a ciphertext.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "security"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(MasterKeyTestResource.class)
class AuditBeforeAnswerTest {

    @Inject
    Pool pool;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void whenTheGroupCannotBeCommittedEveryCallFailsAndNoCiphertextIsReturned() throws SQLException {
        String tenantId = SecurityApi.newTenantId();
        asAdmin().post("/tenants/{t}/keys/rotate", tenantId).then().statusCode(200);
        String prefix = "gcfail-" + tenantId + "-";
        // A real database failure for this tenant's operation events only: the insert statement is refused.
        try (RefusedEventInserts refused = RefusedEventInserts.of("security", tenantId, "operation")) {
            List<HttpResponse<String>> answers = encryptConcurrently(tenantId, prefix, 20);
            assertThat(answers).allSatisfy(answer -> {
                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(answer.body()).doesNotContain("encryptedPayload").doesNotContain("gAAAAA")
                        .doesNotContain(RefusedEventInserts.MESSAGE);
            });
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
}
