package io.modulardata.audit.verify;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.audit.AuditConfig;
import io.smallrye.mutiny.Uni;

/**
 * The few threads that verify the chain, each using a connection of the verify datasource. Requests beyond
 * them wait in line here, holding no connection: however many verifications and reports are asked for at
 * once, they cannot take the connections of ingest or of the queries, nor the worker pool's threads.
 */
@ApplicationScoped
public class VerificationPool {

    private final ExecutorService executor;

    public VerificationPool(AuditConfig config) {
        AtomicInteger number = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(config.verify().threads(), task -> {
            Thread thread = new Thread(task, "audit-verify-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public <T> Uni<T> run(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(executor);
    }

    ExecutorService executor() {
        return executor;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
