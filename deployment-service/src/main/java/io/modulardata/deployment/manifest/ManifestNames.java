package io.modulardata.deployment.manifest;

import java.util.Locale;

import io.modulardata.events.DeploymentSlot;

/** Names of the Kubernetes objects of a tenant's component; one place, so the executor and the preview agree. */
public final class ManifestNames {

    /** A Service name is a DNS-1035 label. */
    public static final int MAX_SERVICE_NAME_LENGTH = 63;

    private ManifestNames() {
    }

    public static String namespace(String tenantId) {
        return "data-tenant-" + tenantId;
    }

    public static String serviceAccount(String tenantId) {
        return "data-processing-" + tenantId;
    }

    public static String serviceName(String tenantId, String containerName) {
        return "data-processing-" + tenantId + "-" + containerName;
    }

    public static String deploymentName(String tenantId, String containerName, DeploymentSlot slot) {
        return serviceName(tenantId, containerName) + "-" + slotLabel(slot);
    }

    public static String hpaName(String tenantId, String containerName) {
        return serviceName(tenantId, containerName) + "-hpa";
    }

    public static String resourceQuota(String tenantId) {
        return serviceAccount(tenantId) + "-quota";
    }

    public static String limitRange(String tenantId) {
        return serviceAccount(tenantId) + "-limits";
    }

    /** The namespace's default-deny NetworkPolicy (every pod, ingress and egress). */
    public static String defaultDenyPolicy(String tenantId) {
        return serviceAccount(tenantId) + "-default-deny";
    }

    /** Egress from every pod of the namespace to the cluster DNS. */
    public static String dnsEgressPolicy(String tenantId) {
        return serviceAccount(tenantId) + "-allow-dns";
    }

    /** Ingress to one component's pods on its Service's ports. */
    public static String ingressPolicy(String tenantId, String containerName) {
        return serviceName(tenantId, containerName) + "-ingress";
    }

    public static String slotLabel(DeploymentSlot slot) {
        return slot.name().toLowerCase(Locale.ROOT);
    }
}
