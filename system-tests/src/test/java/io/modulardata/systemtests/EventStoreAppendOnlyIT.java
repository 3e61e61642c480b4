package io.modulardata.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.modulardata.infra.stack.Databases;
import io.modulardata.infra.stack.PostgresAddress;

/**
 * service-kit/README.md, "How a command travels": {@code event_store} refuses UPDATE, DELETE and TRUNCATE. Checked in the
 * database of every service as {@code infra/platform up} migrated it, connected as the database owner
 * (who could otherwise change anything). Each check runs in a transaction that is rolled back.
 */
@ExtendWith(SharedPlatform.class)
class EventStoreAppendOnlyIT {

    private static final String DEADLOCK_DETECTED = "40P01";

    private static PlatformProcess platform;

    @BeforeAll
    static void usePlatform(PlatformProcess shared) {
        platform = shared;
    }

    @ParameterizedTest
    @ValueSource(strings = {"registry", "deployment", "security", "audit"})
    void theEventLogRefusesUpdateDeleteAndTruncate(String database) throws Exception {
        PostgresAddress postgres = platform.postgres();
        try (Connection connection = Databases.connect(postgres, database); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            // A row to change, so that the row triggers have something to refuse (the log may still be empty).
            assertThat(statement.executeUpdate("""
                    insert into event_store (event_id, aggregate_type, aggregate_id, aggregate_version, tenant_id, event_type,
                                             occurred_at, actor, correlation_id, payload)
                    values ('%s', 'probe', 'probe', 1, 'probe', 'Probe', now(), 'test', 'test', '\\x00')"""
                    .formatted(UUID.randomUUID()))).isEqualTo(1);
            for (String change : new String[] {"update event_store set actor = 'mallory' where aggregate_type = 'probe'",
                    "delete from event_store where aggregate_type = 'probe'", "truncate event_store cascade"}) {
                // catchThrowable first: assertThatThrownBy would fail before .as() could name the statement and database.
                assertThat(refusalOf(connection, statement, change)).as("%s in %s", change, database)
                        .isNotNull().hasMessageContaining("append-only");
            }
            assertThat(statement.executeQuery("select count(*) from event_store where aggregate_type = 'probe'"))
                    .satisfies(rows -> {
                        rows.next();
                        assertThat(rows.getInt(1)).as("the row is unchanged").isEqualTo(1);
                    });
            connection.rollback();
        }
    }

    /**
     * What the database answers to {@code change}, rolled back to before it. The running service reads the outbox joined
     * with event_store while TRUNCATE ... CASCADE locks both, one after the other; PostgreSQL may then pick this
     * transaction as a deadlock victim before the trigger has had its say, so a deadlock is tried again.
     */
    private static Throwable refusalOf(Connection connection, Statement statement, String change) throws Exception {
        for (int attempt = 1; ; attempt++) {
            Savepoint before = connection.setSavepoint();
            Throwable refusal = catchThrowable(() -> statement.execute(change));
            connection.rollback(before);
            boolean deadlock = refusal instanceof SQLException sql && DEADLOCK_DETECTED.equals(sql.getSQLState());
            if (!deadlock || attempt == 5) {
                return refusal;
            }
        }
    }
}
