package io.modulardata.deployment.tenancy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.generic.GenericRecord;

import io.modulardata.events.ComponentStatus;
import io.modulardata.events.DataEnvironment;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The facts about tenants, component versions and grants, kept in this service's database. Written
 * only by {@link RegistryEventsConsumer}; read by the deploy command. Events are read as Avro
 * {@link GenericRecord}s by field name, which keeps the consumer free of the generated classes (and of
 * the class-loader trouble they have on Kafka threads) and tolerant of added fields.
 */
@ApplicationScoped
public class RegistryFacts {

    /**
     * Applies one registry event unless its eventId was applied before; must run in a transaction, so
     * the change and the processed marker commit together. Returns whether it was applied.
     */
    private Uni<Boolean> applyOnce(GenericRecord event) {
        UUID eventId = UUID.fromString(String.valueOf(event.get("eventId")));
        String type = event.getSchema().getName();
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into registry_event_processed (event_id, event_type) values (:id, :type) on conflict do nothing")
                .setParameter("id", eventId).setParameter("type", type)
                .executeUpdate())
                .chain(inserted -> {
                    if (inserted == 0) {
                        Log.debugf("Registry event %s (%s) was applied before; skipped", eventId, type);
                        return Uni.createFrom().item(false);
                    }
                    return apply(type, event).replaceWith(true);
                });
    }

    /**
     * Applies events in their order, each unless applied before (also earlier in the same list); must
     * run in one transaction. Returns how many were applied.
     */
    public Uni<Integer> applyAllOnce(List<GenericRecord> events) {
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(this::applyOnce)
                .filter(Boolean::booleanValue)
                .collect().asList()
                .map(List::size);
    }

    private Uni<Void> apply(String type, GenericRecord e) {
        Instant at = Instant.ofEpochMilli(millis(e.get("occurredAt")));
        return switch (type) {
            case "TenantRegistered", "TenantConfigurationChanged" -> update("""
                    insert into known_tenant (tenant_id, max_concurrent_jobs, allowed_data_environments, aggregate_version, updated_at)
                    values (?1, ?2, ?3, ?4, ?5)
                    on conflict (tenant_id) do update set max_concurrent_jobs = excluded.max_concurrent_jobs,
                        allowed_data_environments = excluded.allowed_data_environments,
                        aggregate_version = excluded.aggregate_version, updated_at = excluded.updated_at
                    where known_tenant.aggregate_version < excluded.aggregate_version""",
                    text(e, "aggregateId"), e.get("maxConcurrentJobs"),
                    ((List<?>) e.get("allowedDataEnvironments")).stream().map(String::valueOf).collect(Collectors.joining(",")),
                    e.get("aggregateVersion"), at);
            case "ComponentRegistered" -> update("""
                    insert into known_component (component_key, component_id, component_version, status, updated_at)
                    values (?1, ?2, ?3, ?4, ?5) on conflict (component_key) do nothing""",
                    text(e, "componentKey"), text(e, "componentId"), text(e, "componentVersion"), text(e, "status"), at);
            case "ComponentStatusChanged" -> update("""
                    insert into known_component (component_key, component_id, component_version, status, updated_at)
                    values (?1, ?2, ?3, ?4, ?5)
                    on conflict (component_key) do update set status = excluded.status, updated_at = excluded.updated_at
                    where known_component.updated_at <= excluded.updated_at""",
                    text(e, "componentKey"), text(e, "componentId"), text(e, "componentVersion"), text(e, "newStatus"), at);
            case "ComponentAccessGranted" -> update("""
                    insert into known_grant (tenant_id, component_key, granted_at) values (?1, ?2, ?3) on conflict do nothing""",
                    text(e, "tenantId"), text(e, "componentKey"), at);
            case "ComponentAccessRevoked" -> update("delete from known_grant where tenant_id = ?1 and component_key = ?2",
                    text(e, "tenantId"), text(e, "componentKey"));
            default -> Uni.createFrom().voidItem();
        };
    }

    public Uni<Optional<TenantFacts>> tenant(String tenantId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select max_concurrent_jobs, allowed_data_environments from known_tenant where tenant_id = ?1", Object[].class)
                .setParameter(1, tenantId).getResultList())
                .map(rows -> rows.stream().findFirst().map(row -> new TenantFacts(tenantId, ((Number) row[0]).intValue(),
                        Arrays.stream(((String) row[1]).split(",")).filter(s -> !s.isEmpty()).map(DataEnvironment::valueOf)
                                .collect(Collectors.toUnmodifiableSet()))));
    }

    public Uni<Optional<ComponentFacts>> component(String componentKey) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select component_id, component_version, status from known_component where component_key = ?1", Object[].class)
                .setParameter(1, componentKey).getResultList())
                .map(rows -> rows.stream().findFirst().map(row -> new ComponentFacts(componentKey, (String) row[0], (String) row[1],
                        ComponentStatus.valueOf((String) row[2]))));
    }

    public Uni<Boolean> isGranted(String tenantId, String componentKey) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select count(*) from known_grant where tenant_id = ?1 and component_key = ?2", Long.class)
                .setParameter(1, tenantId).setParameter(2, componentKey).getSingleResult())
                .map(count -> count > 0);
    }

    private static Uni<Void> update(String sql, Object... parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    private static String text(GenericRecord e, String field) {
        return String.valueOf(e.get(field));
    }

    private static long millis(Object value) {
        return value instanceof Instant instant ? instant.toEpochMilli() : ((Number) value).longValue();
    }
}
