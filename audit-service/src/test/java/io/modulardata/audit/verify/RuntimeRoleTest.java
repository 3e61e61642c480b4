package io.modulardata.audit.verify;

import static io.modulardata.audit.support.AuditApi.asAuditor;
import static io.modulardata.fixtures.SqlAttempt.INSUFFICIENT_PRIVILEGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.modulardata.audit.support.AuditTopicsResource;
import io.modulardata.audit.support.TestEvents;
import io.modulardata.events.Topics;
import io.modulardata.infra.stack.ServiceDatabase;
import io.modulardata.fixtures.EventPublisher;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.SqlAttempt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * audit-service appends to its log as the database's runtime role, for which the log is append-only by
 * privilege, not only by trigger: it cannot change, delete or truncate entries or checkpoints, nor switch
 * off, drop or replace the triggers. Only the owner could, and only Flyway logs in as the owner.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "audit"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(AuditTopicsResource.class)
class RuntimeRoleTest {

    @Inject
    DataSource database;

    @Test
    void ingestAndCheckpointsWorkAsTheRuntimeRole() throws SQLException {
        String tenantId = TestEvents.newTenantId();
        try (EventPublisher publisher = EventPublisher.forServiceUnderTest()) {
            for (int i = 0; i < 6; i++) {
                publisher.publish(Topics.REGISTRY_EVENTS, TestEvents.granted(tenantId, "etl-core", "2.1." + i, "alice"));
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAuditor().get("/audit/events?tenantId=" + tenantId)
                .then().statusCode(200).body("items.size()", equalTo(6)));

        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select current_user, rolsuper, (select count(*) from audit_checkpoint)"
                        + " from pg_roles where rolname = current_user")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo(ServiceDatabase.runtimeRole("audit"));
            assertThat(row.getBoolean(2)).as("superuser").isFalse();
            assertThat(row.getLong(3)).as("checkpoints signed (every 5 entries in tests)").isPositive();
        }
        asAuditor().get("/audit/verify").then().statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void theRuntimeRoleCannotRewriteTheAuditLogOrItsTriggers() {
        for (String sql : new String[] {
                "update audit_entry set actor = 'mallory'",
                "delete from audit_entry",
                "truncate audit_entry",
                "update audit_checkpoint set signature = ''",
                "delete from audit_checkpoint",
                "truncate audit_checkpoint",
                "alter table audit_entry disable trigger audit_entry_append_only",
                "drop trigger audit_entry_append_only on audit_entry",
                "alter table audit_checkpoint disable trigger user",
                "alter table audit_entry drop column hash",
                "drop table audit_checkpoint",
                "create or replace function audit_log_is_append_only() returns trigger language plpgsql as $$ begin return new; end $$",
                "create table audit_entry_copy (sequence bigint)"}) {
            assertThat(SqlAttempt.sqlState(LocalStackTestResource.serviceDatabase("audit").runtime(), "audit", sql))
                    .as(sql).isEqualTo(INSUFFICIENT_PRIVILEGE);
        }
    }
}
