package io.modulardata.registry.eventing;

import static io.modulardata.fixtures.SqlAttempt.INSUFFICIENT_PRIVILEGE;
import static io.modulardata.registry.support.RegistryApi.newTenantId;
import static io.modulardata.registry.support.RegistryApi.registerTenant;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.modulardata.infra.stack.ServiceDatabase;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.SqlAttempt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The service works as its database's runtime role, which may append to the event log and use the outbox
 * and read models, but not rewrite, empty or restructure the log: that takes the owner, which only Flyway uses.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
@WithTestResource(JwtTestResource.class)
class DatabaseRolesTest {

    @Inject
    Pool pool;

    @Test
    void theServiceRunsAsTheRuntimeRoleWhichIsNoSuperuserAndOwnsNothing() {
        registerTenant(newTenantId());

        Row row = pool.query("""
                select current_user::text, r.rolsuper,
                       (select count(*) from pg_class c where c.relowner = r.oid) as owned
                from pg_roles r where r.rolname = current_user""")
                .execute().await().atMost(Duration.ofSeconds(10)).iterator().next();

        assertThat(row.getString(0)).isEqualTo(ServiceDatabase.runtimeRole("registry"));
        assertThat(row.getBoolean(1)).as("superuser").isFalse();
        assertThat(row.getLong(2)).as("tables and sequences it owns").isZero();
    }

    @Test
    void theRuntimeRoleCannotRewriteEmptyOrRestructureTheEventLog() {
        for (String sql : new String[] {
                "update event_store set actor = 'mallory'",
                "delete from event_store",
                "truncate event_store",
                "truncate outbox",
                "alter table event_store add column note text",
                "alter table event_store disable trigger event_store_append_only",
                "drop trigger event_store_append_only on event_store",
                "drop table event_store",
                "alter table tenant drop column tenant_name",
                "truncate tenant",
                "create table shadow_log (id bigint)",
                "create or replace function event_store_is_append_only() returns trigger language plpgsql as $$ begin return new; end $$"}) {
            assertThat(runtime(sql)).as(sql).isEqualTo(INSUFFICIENT_PRIVILEGE);
        }
    }

    @Test
    void theRuntimeRoleUsesTheLogTheOutboxAndTheReadModelsAsTheServiceNeeds() {
        for (String sql : new String[] {
                "select count(*) from event_store",
                "select count(*) from outbox",
                "delete from outbox where id < 0",
                "update tenant set tenant_name = tenant_name where false",
                "delete from component_grant where false",
                "call lock_event_store_for_rebuild()"}) {
            assertThat(runtime(sql)).as(sql).isEqualTo(SqlAttempt.SUCCESS);
        }
    }

    private static String runtime(String sql) {
        return SqlAttempt.sqlState(LocalStackTestResource.serviceDatabase("registry").runtime(), "registry", sql);
    }
}
