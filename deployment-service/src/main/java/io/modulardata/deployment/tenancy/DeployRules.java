package io.modulardata.deployment.tenancy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.modulardata.deployment.registry.ComponentFacts;
import io.modulardata.deployment.registry.TenantFacts;
import io.modulardata.events.ComponentStatus;
import io.modulardata.events.DataEnvironment;

/**
 * Whether a tenant may deploy a component version, from the facts projected from registry-events.
 * Checked in this order, the first failing rule answers:
 * <ol>
 * <li>unknown tenant: 404 on {@code tenantId} (the same answer as for a tenant the caller may not see);</li>
 * <li>environment not in allowedDataEnvironments: 422 on {@code environment};</li>
 * <li>component version not granted to the tenant: 403 on {@code componentVersion};</li>
 * <li>component version SUNSET or ARCHIVED: 409 on {@code componentVersion};</li>
 * <li>the tenant already runs maxConcurrentJobs components (deployments in progress or live), not
 * counting the component being deployed, which a new rollout replaces: 409 on {@code componentId} (the
 * component that would be one too many).</li>
 * </ol>
 * A DEPRECATED version is deployed with a warning. What the tenant may run (images, tier maxima) is
 * checked next, by {@link WorkloadRules}.
 */
public final class DeployRules {

    private DeployRules() {
    }

    /**
     * @param tenant          null when the tenant is unknown
     * @param granted         whether the component version is granted to the tenant
     * @param component       null when no ComponentRegistered was seen for the key
     * @param busyComponents  componentIds of the tenant with a rollout in progress or a live deployment
     * @return the warnings to carry in the response and the events
     */
    public static List<String> check(String tenantId, TenantFacts tenant, DataEnvironment environment, String componentId,
            String componentKey, boolean granted, ComponentFacts component, Set<String> busyComponents) {
        requireKnown(tenantId, tenant);
        if (!tenant.allowedDataEnvironments().contains(environment)) {
            throw refused(422, "environment-not-allowed", "environment", "Tenant '" + tenantId + "' may not deploy to "
                    + environment + " (allowed: " + tenant.allowedDataEnvironments().stream().sorted().toList() + ")");
        }
        if (!granted) {
            throw refused(403, "not-granted", "componentVersion",
                    "Component version '" + componentKey + "' is not granted to tenant '" + tenantId + "'");
        }
        List<String> warnings = new ArrayList<>();
        if (component != null) {
            if (component.status() == ComponentStatus.SUNSET || component.status() == ComponentStatus.ARCHIVED) {
                throw refused(409, "component-retired", "componentVersion",
                        "Component version '" + componentKey + "' is " + component.status() + " and can no longer be deployed");
            }
            if (component.status() == ComponentStatus.DEPRECATED) {
                warnings.add("Component version '" + componentKey + "' is DEPRECATED; plan a move to a newer version");
            }
        }
        long others = busyComponents.stream().filter(busy -> !busy.equals(componentId)).count();
        if (others >= tenant.maxConcurrentJobs()) {
            throw refused(409, "concurrent-jobs-exhausted", "componentId", "Tenant '" + tenantId + "' already runs "
                    + others + " of its " + tenant.maxConcurrentJobs() + " concurrent jobs");
        }
        return warnings;
    }

    /** An unknown tenant is a 404 on {@code tenantId}, the same answer as for a tenant the caller may not see. */
    public static TenantFacts requireKnown(String tenantId, TenantFacts tenant) {
        if (tenant == null) {
            throw refused(404, "not-found", "tenantId", "Tenant '" + tenantId + "' does not exist");
        }
        return tenant;
    }

    private static DeployRefusedException refused(int status, String type, String field, String detail) {
        return new DeployRefusedException(new DeployRefusal(status, type, field, detail));
    }
}
