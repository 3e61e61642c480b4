package io.modulardata.deployment.registry;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Rebuilds the knowledge of tenants, component versions and grants by re-consuming registry-events
 * from its beginning (it is not in this service's own event log). One transaction: the tables are
 * locked first, so the live consumer waits; the topic's end is read after the lock, so every event the
 * live consumer applied before is in the replay, and one it holds back is either in the replay (then
 * skipped by its eventId) or applied after it.
 */
@ApplicationScoped
public class RegistryKnowledgeRebuild {

    private final RegistryFacts facts;
    private final RegistryTopicReader topic;

    public RegistryKnowledgeRebuild(RegistryFacts facts, RegistryTopicReader topic) {
        this.facts = facts;
        this.topic = topic;
    }

    /** Must be called on a Vert.x context (a REST call); returns the number of events replayed. */
    public Uni<Integer> rebuild() {
        Context context = Vertx.currentContext();
        return Panache.withTransaction(() -> sql(
                "lock table known_tenant, known_component, known_grant, registry_event_processed in exclusive mode")
                .chain(() -> Uni.createFrom().item(() -> topic.readAll(RegistryEventsConsumer.CHANNEL))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        // back on the request's context: the session belongs to it
                        .emitOn(command -> context.runOnContext(ignored -> command.run())))
                .chain(records -> sql("delete from known_grant")
                        .chain(() -> sql("delete from known_component"))
                        .chain(() -> sql("delete from known_tenant"))
                        .chain(() -> sql("delete from registry_event_processed"))
                        .chain(() -> facts.applyAllOnce(records))
                        .replaceWith(records.size())))
                .invoke(count -> Log.infof("Rebuilt the registry knowledge from %d registry events", count));
    }

    private static Uni<Void> sql(String sql) {
        return Panache.getSession().chain(session -> session.createNativeQuery(sql).executeUpdate()).replaceWithVoid();
    }
}
