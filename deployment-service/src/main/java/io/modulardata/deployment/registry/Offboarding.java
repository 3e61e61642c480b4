package io.modulardata.deployment.registry;

import java.time.Instant;

/**
 * A tenant offboarded on registry-service (TenantOffboarded): it takes no more commands here and its
 * namespace is removed from the cluster. {@code correlationId} is the offboarding call's, carried by the
 * events of the removal.
 */
public record Offboarding(String tenantId, Instant offboardedAt, String correlationId) {
}
