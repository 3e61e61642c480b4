package io.modulardata.security.keys;

import static io.modulardata.infra.testing.SqlAttempt.INSUFFICIENT_PRIVILEGE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.modulardata.infra.testing.JwtTestResource;
import io.modulardata.infra.testing.LocalStackTestResource;
import io.modulardata.infra.testing.SqlAttempt;
import io.modulardata.security.support.MasterKeyTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The wrapped tenant keys are only ever added: the service's runtime role may not change or remove one. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "security"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(MasterKeyTestResource.class)
class KeyMaterialRuntimeRoleTest {

    @Test
    void theRuntimeRoleReadsAndAddsKeyMaterialButCannotChangeOrRemoveIt() {
        assertThat(runtime("select count(*) from key_material")).isEqualTo(SqlAttempt.SUCCESS);
        for (String sql : new String[] {
                "update key_material set wrapped_key = ''::bytea",
                "delete from key_material",
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
