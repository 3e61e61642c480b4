package io.modulardata.security.keys;

import static io.modulardata.fixtures.SqlAttempt.INSUFFICIENT_PRIVILEGE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.SqlAttempt;
import io.modulardata.security.support.MasterKeyTestResource;
import io.modulardata.security.support.SecurityApi;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The wrapped tenant keys are only ever added: the service's runtime role may not change one, and may remove only
 * the rows of an offboarded tenant (its shredding; key_material's trigger refuses every other row).
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "security"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(MasterKeyTestResource.class)
class KeyMaterialRuntimeRoleTest {

    @Test
    void theRuntimeRoleReadsAndAddsKeyMaterialButCannotChangeOrRemoveIt() {
        String tenantId = SecurityApi.newTenantId();
        SecurityApi.encrypt(tenantId, "a key row exists");
        assertThat(runtime("select count(*) from key_material")).isEqualTo(SqlAttempt.SUCCESS);
        assertThat(runtime("delete from key_material")).isEqualTo(SqlAttempt.RAISE_EXCEPTION);
        assertThat(runtime("delete from key_material where id = '" + tenantId + "/1'")).isEqualTo(SqlAttempt.RAISE_EXCEPTION);
        for (String sql : new String[] {
                "update key_material set wrapped_key = ''::bytea",
                "delete from offboarded_tenant", "update offboarded_tenant set event_id = ''",
                "truncate key_material",
                "alter table key_material disable trigger key_material_append_only",
                "truncate key_ring"}) {
            assertThat(runtime(sql)).as(sql).isEqualTo(INSUFFICIENT_PRIVILEGE);
        }
    }

    private static String runtime(String sql) {
        return SqlAttempt.sqlState(LocalStackTestResource.serviceDatabase("security").runtime(), "security", sql);
    }
}
