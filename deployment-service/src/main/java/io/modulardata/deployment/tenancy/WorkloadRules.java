package io.modulardata.deployment.tenancy;

import java.math.BigDecimal;

import io.modulardata.deployment.registry.ComponentFacts;
import io.modulardata.deployment.registry.TenantFacts;
import io.modulardata.events.ContainerSpec;

/**
 * What a tenant may run, checked after {@link DeployRules} and before anything reaches the cluster; each
 * refusal is a 422 naming the field:
 * <ol>
 * <li>the component version declares no container images (or deployment-service has not learnt it yet):
 * {@code componentVersion};</li>
 * <li>the image is none the version declares: {@code container.imageName};</li>
 * <li>the container asks more cpu, memory or storage than the tenant's tier allows one container
 * ({@link TierLimits}): {@code container.cpuCores}, {@code container.memoryGb}, {@code container.storageGb}.</li>
 * </ol>
 */
public final class WorkloadRules {

    private WorkloadRules() {
    }

    public static void check(TenantFacts tenant, ComponentFacts component, String componentKey, ContainerSpec container) {
        checkImage(component, componentKey, container);
        checkResources(tenant, container);
    }

    static void checkImage(ComponentFacts component, String componentKey, ContainerSpec container) {
        if (component == null) {
            throw refused("unknown-component", "componentVersion", "Component version '" + componentKey
                    + "' is not known to deployment-service yet (its registration has not arrived from registry-events); try again shortly");
        }
        if (component.containerImages().isEmpty()) {
            throw refused("no-declared-images", "componentVersion", "Component version '" + componentKey
                    + "' declares no container images, so it cannot be deployed: register a new version with containerImages");
        }
        if (!ImageAllowList.admits(component.containerImages(), container.getImageName(), container.getImageTag(),
                container.getImageDigest())) {
            throw refused("image-not-declared", "container.imageName", "Image '" + image(container) + "' is not one that component version '"
                    + componentKey + "' declares " + component.containerImages());
        }
    }

    /** The tier's per-container maxima; also checked by the preview. */
    public static void checkResources(TenantFacts tenant, ContainerSpec container) {
        TierLimits limits = TierLimits.of(tenant);
        String tier = tenant.tier() == null ? "BASIC" : tenant.tier().name();
        atMost("container.cpuCores", container.getCpuCores(), limits.maxCpuCores(), tier, "cores");
        atMost("container.memoryGb", container.getMemoryGb(), limits.maxMemoryGb(), tier, "GB");
        atMost("container.storageGb", container.getStorageGb(), limits.maxStorageGb(), tier, "GB");
    }

    private static void atMost(String field, double requested, double max, String tier, String unit) {
        if (BigDecimal.valueOf(requested).compareTo(BigDecimal.valueOf(max)) > 0) {
            throw refused("tier-limit-exceeded", field, "The " + tier + " tier allows at most " + plain(max) + " " + unit
                    + " per container; " + plain(requested) + " were requested");
        }
    }

    private static String image(ContainerSpec c) {
        return c.getImageName() + ":" + c.getImageTag() + (c.getImageDigest() == null ? "" : "@" + c.getImageDigest());
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static DeployRefusedException refused(String type, String field, String detail) {
        return new DeployRefusedException(new DeployRefusal(422, type, field, detail));
    }
}
