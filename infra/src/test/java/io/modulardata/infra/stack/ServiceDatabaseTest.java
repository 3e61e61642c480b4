package io.modulardata.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The owner and runtime roles {@code up} and the test resource give each service's database. */
class ServiceDatabaseTest {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private static LocalStack stack;

    @BeforeAll
    static void startPostgres() {
        stack = new LocalStack(StackConfig.temporary()).startPostgres();
    }

    @AfterAll
    static void stopPostgres() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void theOwnerOwnsTheSchemaAndTheRuntimeRoleMayCreateNothing() throws SQLException {
        ServiceDatabase shop = stack.createServiceDatabase("shop");

        assertThat(shop.owner().user()).isEqualTo("shop_owner");
        assertThat(shop.runtime().user()).isEqualTo("shop_runtime");
        try (Connection owner = Databases.connect(shop.owner(), "shop"); Statement statement = owner.createStatement()) {
            statement.execute("create table item (id bigint primary key)");
            assertThat(single(statement, "select rolsuper or rolcreaterole or rolcreatedb from pg_roles where rolname = current_user"))
                    .isEqualTo("f");
        }
        try (Connection runtime = Databases.connect(shop.runtime(), "shop"); Statement statement = runtime.createStatement()) {
            assertThat(single(statement, "select rolsuper or rolcreaterole or rolcreatedb from pg_roles where rolname = current_user"))
                    .isEqualTo("f");
            refused(statement, "create table mine (id bigint)");
            refused(statement, "create temporary table scratch (id bigint)");
            // No grant yet: the service's migrations grant table by table.
            refused(statement, "select * from item");
            refused(statement, "drop table item");
        }
    }

    @Test
    void onlyTheDatabasesOwnRolesMayConnect() {
        stack.createServiceDatabase("north");
        ServiceDatabase south = stack.createServiceDatabase("south");

        assertThatThrownBy(() -> Databases.connect(south.runtime(), "north").close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
    }

    @Test
    void objectsMadeBeforeTheRolesPassToTheOwnerAndAgainIsHarmless() throws SQLException {
        stack.createDatabase("legacy");
        try (Connection admin = Databases.connect(stack.postgres(), "legacy"); Statement statement = admin.createStatement()) {
            statement.execute("create table entry (id bigserial primary key)");
            statement.execute("create function no_change() returns trigger language plpgsql as $$ begin return null; end $$");
        }

        stack.createServiceDatabase("legacy");
        ServiceDatabase legacy = stack.createServiceDatabase("legacy");

        try (Connection owner = Databases.connect(legacy.owner(), "legacy"); Statement statement = owner.createStatement()) {
            assertThat(single(statement, "select tableowner from pg_tables where tablename = 'entry'")).isEqualTo("legacy_owner");
            assertThat(single(statement, "select sequenceowner from pg_sequences where sequencename = 'entry_id_seq'"))
                    .isEqualTo("legacy_owner");
            assertThat(single(statement, "select proowner::regrole::text from pg_proc where proname = 'no_change'"))
                    .isEqualTo("legacy_owner");
            assertThat(single(statement, "select datdba::regrole::text from pg_database where datname = 'legacy'"))
                    .isEqualTo("legacy_owner");
        }
    }

    private static void refused(Statement statement, String sql) {
        assertThatThrownBy(() -> statement.execute(sql)).as(sql)
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).as(sql).isTrue();
            return result.getString(1);
        }
    }
}
