package io.modulardata.kit.outbox;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;

/**
 * The moment in a relay run after Kafka acknowledged a batch and before its outbox rows are deleted.
 * The product passes straight through; a test build may replace this bean to stop the run there, which
 * leaves the database as a crash at that moment does (the relay's transaction rolled back, the rows kept).
 */
@DefaultBean
@ApplicationScoped
public class RelayCheckpoint {

    /** Called with the outbox row ids Kafka has just acknowledged; a failure leaves the rows in place. */
    public Uni<Void> acknowledged(List<Long> rowIds) {
        return Uni.createFrom().voidItem();
    }
}
