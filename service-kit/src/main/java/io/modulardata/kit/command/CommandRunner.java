package io.modulardata.kit.command;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.kit.eventstore.ConcurrencyConflictException;
import io.modulardata.kit.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Runs a command in one database transaction (events, read model and outbox together), maps a lost
 * optimistic-concurrency race to {@link ConcurrencyConflictException}, and wakes the outbox relay once
 * the transaction has committed so the events reach Kafka without waiting for the next poll.
 */
@ApplicationScoped
public class CommandRunner {

    private static final String UNIQUE_VIOLATION = "23505";

    private final OutboxRelay relay;

    public CommandRunner(OutboxRelay relay) {
        this.relay = relay;
    }

    public <T> Uni<T> inTransaction(Supplier<Uni<T>> command) {
        return Panache.withTransaction(command)
                .onFailure(CommandRunner::isUniqueViolation)
                .transform(failure -> new ConcurrencyConflictException("Concurrent change of the same aggregate", failure))
                .invoke(relay::wakeUp);
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
