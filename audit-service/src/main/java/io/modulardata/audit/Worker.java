package io.modulardata.audit;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** Runs blocking JDBC work on a worker thread, so no event-loop thread ever waits for the database. */
public final class Worker {

    private Worker() {
    }

    public static <T> Uni<T> run(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
