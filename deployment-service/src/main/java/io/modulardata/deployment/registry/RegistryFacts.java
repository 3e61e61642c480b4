package io.modulardata.deployment.registry;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.generic.GenericRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.modulardata.events.ComponentStatus;
import io.modulardata.events.DataEnvironment;
import io.modulardata.events.DataProcessingTier;
import io.modulardata.kit.problem.ApiProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The facts about tenants (also whether they were offboarded), component versions and grants, kept in this
 * service's database. Written by {@link RegistryEventsConsumer} (and, once an offboarded tenant is out of the
 * cluster, by the rollout executor); read by the commands. Events are read as Avro
 * {@link GenericRecord}s by field name, which keeps the consumer free of the generated classes (and of
 * the class-loader trouble they have on Kafka threads) and tolerant of added fields.
 */
@ApplicationScoped
public class RegistryFacts {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> TEXT_MAP = new TypeReference<>() {
    };

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
                    insert into known_tenant (tenant_id, max_concurrent_jobs, allowed_data_environments, data_processing_tier,
                        data_storage_quota_gb, custom_data_processing_limits, max_monthly_processing_hours, aggregate_version, updated_at)
                    values (?1, ?2, ?3, ?4, cast(?5 as int), ?6, cast(?9 as int), ?7, ?8)
                    on conflict (tenant_id) do update set max_concurrent_jobs = excluded.max_concurrent_jobs,
                        allowed_data_environments = excluded.allowed_data_environments,
                        data_processing_tier = excluded.data_processing_tier, data_storage_quota_gb = excluded.data_storage_quota_gb,
                        custom_data_processing_limits = excluded.custom_data_processing_limits,
                        max_monthly_processing_hours = excluded.max_monthly_processing_hours,
                        aggregate_version = excluded.aggregate_version, updated_at = excluded.updated_at
                    where known_tenant.aggregate_version < excluded.aggregate_version""",
                    text(e, "aggregateId"), e.get("maxConcurrentJobs"),
                    ((List<?>) e.get("allowedDataEnvironments")).stream().map(String::valueOf).collect(Collectors.joining(",")),
                    text(e, "dataProcessingTier"), e.get("dataStorageQuotaGb"), jsonObject(e.get("customDataProcessingLimits")),
                    e.get("aggregateVersion"), at, e.get("maxMonthlyProcessingHours"));
            // A version's images never change: registration sets them even when a status change arrived first.
            case "ComponentRegistered" -> update("""
                    insert into known_component (component_key, component_id, component_version, status, container_images, updated_at)
                    values (?1, ?2, ?3, ?4, ?5, ?6)
                    on conflict (component_key) do update set container_images = excluded.container_images""",
                    text(e, "componentKey"), text(e, "componentId"), text(e, "componentVersion"), text(e, "status"),
                    String.join(",", strings(e, "containerImages")), at);
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
            // Final: the first offboarding counts; the row stays, so that reads and the deploy rules still know the tenant.
            case "TenantOffboarded" -> update("""
                    update known_tenant set offboarded_at = ?2, offboarded_correlation_id = ?3 where tenant_id = ?1 and offboarded_at is null""",
                    text(e, "aggregateId"), at, text(e, "correlationId"));
            default -> Uni.createFrom().voidItem();
        };
    }

    public Uni<Optional<TenantFacts>> tenant(String tenantId) {
        return tenant(tenantId, "");
    }

    /**
     * The tenant, its row locked until the transaction ends: the deploy command takes this lock first, so
     * two deploys of one tenant check its quotas one after the other, each seeing what the other committed
     * (a read-then-insert without it admits both).
     */
    public Uni<Optional<TenantFacts>> tenantLocked(String tenantId) {
        return tenant(tenantId, " for update");
    }

    private Uni<Optional<TenantFacts>> tenant(String tenantId, String lock) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("""
                        select max_concurrent_jobs, allowed_data_environments, data_processing_tier, data_storage_quota_gb,
                            custom_data_processing_limits, max_monthly_processing_hours
                        from known_tenant where tenant_id = ?1""" + lock, Object[].class)
                .setParameter(1, tenantId).getResultList())
                .map(rows -> rows.stream().findFirst().map(row -> new TenantFacts(tenantId, ((Number) row[0]).intValue(),
                        Arrays.stream(((String) row[1]).split(",")).filter(s -> !s.isEmpty()).map(DataEnvironment::valueOf)
                                .collect(Collectors.toUnmodifiableSet()),
                        row[2] == null ? null : DataProcessingTier.valueOf((String) row[2]),
                        row[3] == null ? null : ((Number) row[3]).intValue(),
                        textMap((String) row[4]),
                        row[5] == null ? null : ((Number) row[5]).intValue())));
    }

    /** The tenant's offboarding, if it was offboarded (TenantOffboarded); must run in a session. */
    public Uni<Optional<Offboarding>> offboarding(String tenantId) {
        return offboardings("tenant_id = ?1", tenantId).map(found -> found.stream().findFirst());
    }

    /**
     * Fails with 410 tenant-offboarded (as registry-service answers) when the tenant was offboarded: its
     * commands change nothing any more. Must run in a session (in the command's transaction).
     */
    public Uni<Void> requireNotOffboarded(String tenantId) {
        return offboarding(tenantId).invoke(found -> {
            if (found.isPresent()) {
                throw ApiProblemException.tenantOffboarded(tenantId);
            }
        }).replaceWithVoid();
    }

    /** Offboarded tenants whose namespace is still to be deleted, oldest offboarding first; must run in a session. */
    public Uni<List<Offboarding>> offboardedNotRemoved() {
        return offboardings("removed_from_cluster_at is null");
    }

    private Uni<List<Offboarding>> offboardings(String condition, Object... parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery("select tenant_id, offboarded_at, offboarded_correlation_id from known_tenant"
                    + " where offboarded_at is not null and " + condition + " order by offboarded_at, tenant_id", Object[].class);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.getResultList();
        }).map(rows -> rows.stream().map(row -> new Offboarding((String) row[0], instant(row[1]), (String) row[2])).toList());
    }

    /** The offboarded tenant's namespace was deleted and its deployments recorded as removed; must run in a transaction. */
    public Uni<Void> markRemovedFromCluster(String tenantId) {
        return update("update known_tenant set removed_from_cluster_at = now() where tenant_id = ?1", tenantId);
    }

    public Uni<Optional<ComponentFacts>> component(String componentKey) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("""
                        select component_id, component_version, status, container_images
                        from known_component where component_key = ?1""", Object[].class)
                .setParameter(1, componentKey).getResultList())
                .map(rows -> rows.stream().findFirst().map(row -> new ComponentFacts(componentKey, (String) row[0], (String) row[1],
                        ComponentStatus.valueOf((String) row[2]),
                        Arrays.stream(((String) row[3]).split(",")).filter(s -> !s.isEmpty()).toList())));
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

    /** A string list field; empty when the writer's schema predates it. */
    private static List<String> strings(GenericRecord e, String field) {
        if (!e.hasField(field) || e.get(field) == null) {
            return List.of();
        }
        return ((List<?>) e.get(field)).stream().map(String::valueOf).toList();
    }

    /** An Avro map of JSON texts as one JSON object of those texts (strings, never re-parsed). */
    private static String jsonObject(Object avroMap) {
        Map<String, String> texts = new TreeMap<>();
        if (avroMap instanceof Map<?, ?> map) {
            map.forEach((key, value) -> texts.put(String.valueOf(key), String.valueOf(value)));
        }
        try {
            return JSON.writeValueAsString(texts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> textMap(String jsonObject) {
        try {
            return Map.copyOf(JSON.readValue(jsonObject, TEXT_MAP));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("known_tenant.custom_data_processing_limits is not a JSON object of texts", e);
        }
    }

    private static String text(GenericRecord e, String field) {
        return String.valueOf(e.get(field));
    }

    /** A timestamptz column as the driver hands it over. */
    private static Instant instant(Object value) {
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return value instanceof java.sql.Timestamp ts ? ts.toInstant() : (Instant) value;
    }

    private static long millis(Object value) {
        return value instanceof Instant instant ? instant.toEpochMilli() : ((Number) value).longValue();
    }
}
