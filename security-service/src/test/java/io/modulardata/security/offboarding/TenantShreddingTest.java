package io.modulardata.security.offboarding;

import static io.modulardata.security.support.SecurityApi.as;
import static io.modulardata.security.support.SecurityApi.asAdmin;
import static io.modulardata.security.support.SecurityApi.encrypt;
import static io.modulardata.security.support.SecurityApi.fields;
import static io.modulardata.security.support.SecurityApi.newTenantId;
import static io.modulardata.security.support.SecurityApi.offboard;
import static io.modulardata.security.support.SecurityApi.offboarding;
import static io.modulardata.security.support.SecurityApi.registryPublisher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import io.modulardata.events.TenantIdentityProviderChanged;
import io.modulardata.events.TenantOffboarded;
import io.modulardata.fixtures.EventPublisher;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.RecordedEvent;
import io.modulardata.fixtures.SqlAttempt;
import io.modulardata.fixtures.TestTokens;
import io.modulardata.kit.events.EventMetadata;
import io.modulardata.security.support.MasterKeyTestResource;
import io.modulardata.security.support.SecurityApi;
import io.modulardata.security.support.SecurityDb;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Issue 18: when registry-service offboards a tenant (TenantOffboarded on registry-events), security-service
 * destroys every key of the tenant: the wrapped rows are gone from the database, its payloads answer 410
 * key-shredded, its commands 410 tenant-offboarded, TenantKeysShredded says so, and other tenants are untouched.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "security"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(MasterKeyTestResource.class)
class TenantShreddingTest {

    @Test
    void anOffboardedTenantsKeysAreDestroyedAndItsDataAnswers410() {
        String tenantId = newTenantId();
        String neighbour = newTenantId();
        String user = TestTokens.tenantUser(tenantId);
        String plain = encrypt(tenantId, "tenant data under version 1");
        asAdmin().post("/tenants/{t}/keys/rotate", tenantId).then().statusCode(200);
        String forSubject = as(user).body(Map.of("data", "a patient's data", "subjectId", "patient-7"))
                .post("/tenants/{t}/encrypt", tenantId).then().statusCode(200).extract().path("encryptedPayload");
        String neighbours = encrypt(neighbour, "the neighbour's data");
        decrypt(user, tenantId, plain).then().statusCode(200);
        decrypt(user, tenantId, forSubject).then().statusCode(200); // both keys are now in this instance's memory
        assertThat(SecurityDb.bytes("select id from key_material where id like ?", tenantId + "/%")).hasSize(2);

        TenantOffboarded offboarded = offboarding(tenantId);
        RecordedEvent shredded = offboard(offboarded);
        assertThat(fields(shredded)).containsEntry("offboardingEventId", offboarded.getEventId().toString())
                .containsEntry("tenantKeyVersionsDestroyed", "2").containsEntry("derivedVersions", "0")
                .containsEntry("subjectKeysDestroyed", "1");
        assertThat(shredded.field("actor")).isEqualTo("platform-operator");
        assertThat(shredded.field("correlationId")).isEqualTo(offboarded.getCorrelationId());

        // The key rows are physically gone; only the ids of the subject's keys remain, as tombstones.
        assertThat(SecurityDb.bytes("select id from key_material where id like ?", tenantId + "/%")).isEmpty();
        assertThat(SecurityDb.bytes("select key_id from subject_key where tenant_id = ?", tenantId)).isEmpty();
        assertThat(SecurityDb.bytes("select key_id from shredded_subject_key where tenant_id = ?", tenantId)).hasSize(1);

        for (String payload : new String[] {plain, forSubject}) {
            decrypt(user, tenantId, payload).then().statusCode(410).contentType("application/problem+json")
                    .body("type", endsWith("key-shredded"));
        }
        asAdmin().body(Map.of("data", "more")).post("/tenants/{t}/encrypt", tenantId).then().statusCode(410)
                .body("type", endsWith("tenant-offboarded"));
        asAdmin().post("/tenants/{t}/keys/rotate", tenantId).then().statusCode(410).body("type", endsWith("tenant-offboarded"));
        asAdmin().post("/tenants/{t}/subjects/{s}/erasure", tenantId, "patient-7").then().statusCode(410);
        // Another tenant's user learns nothing: the tenant is as unknown to it as before.
        as(TestTokens.tenantUser(neighbour)).body(Map.of("encryptedPayload", plain)).post("/tenants/{t}/decrypt", tenantId)
                .then().statusCode(404);
        decrypt(TestTokens.tenantUser(neighbour), neighbour, neighbours).then().statusCode(200)
                .body("data", equalTo("the neighbour's data"));

        // A redelivered TenantOffboarded destroys nothing more and records nothing.
        try (EventPublisher registry = registryPublisher()) {
            RecordMetadata again = registry.publish(offboarded);
            EventPublisher.awaitConsumed(SecurityApi.config("kafka.bootstrap.servers"), "security-service-offboarding", again,
                    Duration.ofSeconds(30));
        }
        assertThat(SecurityDb.bytes("select event_id::text from event_store where aggregate_id = ?", "shredding-" + tenantId))
                .hasSize(1);
    }

    @Test
    void registryEventsOfOtherTypesAreSkippedUndecodedAndCommittedPast() {
        String tenantId = newTenantId();
        TenantIdentityProviderChanged other = new EventMetadata(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS),
                tenantId, "platform-operator", "provider-" + tenantId, tenantId, 2).stamp(new TenantIdentityProviderChanged());
        try (EventPublisher registry = registryPublisher()) {
            RecordMetadata published = registry.publish(other);
            EventPublisher.awaitConsumed(SecurityApi.config("kafka.bootstrap.servers"), "security-service-offboarding", published,
                    Duration.ofSeconds(30));
        }
        encrypt(tenantId, "still served: the tenant was not offboarded");
    }

    @Test
    void theDatabaseRefusesNewKeysForAnOffboardedTenant() {
        String tenantId = newTenantId();
        encrypt(tenantId, "before");
        offboard(offboarding(tenantId));
        // Whatever path would try it, no key row is ever added again for the tenant.
        assertThat(attempt("insert into key_material (id, wrapped_key) values ('" + tenantId + "/9', '\\x00'::bytea)"))
                .isEqualTo(SqlAttempt.RAISE_EXCEPTION);
        assertThat(attempt("insert into subject_key (key_id, tenant_id, subject_ref, tenant_key_version, wrapped_key) values "
                + "('k-" + tenantId + "', '" + tenantId + "', 'ref', 1, '\\x00'::bytea)")).isEqualTo(SqlAttempt.RAISE_EXCEPTION);
    }

    private static String attempt(String sql) {
        return SqlAttempt.sqlState(LocalStackTestResource.serviceDatabase("security").runtime(),
                "security", sql);
    }

    private static Response decrypt(String token, String tenantId, String payload) {
        return as(token).body(Map.of("encryptedPayload", payload)).post("/tenants/{t}/decrypt", tenantId);
    }
}
