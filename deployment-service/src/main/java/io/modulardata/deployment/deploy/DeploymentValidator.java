package io.modulardata.deployment.deploy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.modulardata.deployment.manifest.ManifestNames;
import io.modulardata.deployment.manifest.SecurityContexts;
import io.modulardata.events.ContainerSpec;
import io.modulardata.events.DataVolume;
import io.modulardata.events.ValidationSpec;
import io.modulardata.kit.json.EnumSpellings;
import io.modulardata.kit.problem.FieldErrors;

/**
 * Checks a deployment request field by field (every offending field is named at once) and fills in
 * the defaults. Plain domain logic, no I/O.
 */
public final class DeploymentValidator {

    public static final double DEFAULT_CPU_CORES = 2.0;
    public static final double DEFAULT_MEMORY_GB = 4.0;
    public static final double DEFAULT_STORAGE_GB = 20.0;
    public static final int DEFAULT_MIN_REPLICAS = 1;
    public static final int DEFAULT_MAX_REPLICAS = 10;
    public static final List<String> DEFAULT_SCALING_METRICS = List.of(ScalingMetric.CPU, ScalingMetric.MEMORY, ScalingMetric.DATA_THROUGHPUT);
    public static final int DEFAULT_READINESS_TIMEOUT_SECONDS = 300;
    public static final int DEFAULT_SCALE_DOWN_DELAY_SECONDS = 30;

    static final Pattern COMPONENT_ID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?");
    static final Pattern SEMANTIC_VERSION = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");
    /** A DNS-1123 label: container, volume and Kubernetes object names are built from it. */
    static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    /**
     * registry[:port]/path/name, lowercase, as a container runtime accepts it (without tag or digest). A
     * port needs a path after it: {@code host:5000} alone would be read as image {@code host}, tag 5000.
     */
    static final Pattern IMAGE_NAME = Pattern.compile("[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]{1,5}(?=/))?(/[a-z0-9]+([._-][a-z0-9]+)*)*");
    static final Pattern IMAGE_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    static final Pattern IMAGE_DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    static final int MAX_VOLUMES = 20;
    static final int MAX_REPLICAS_LIMIT = 100;
    static final BigDecimal MAX_CPU_CORES = BigDecimal.valueOf(64);
    static final BigDecimal MAX_MEMORY_GB = BigDecimal.valueOf(512);
    static final BigDecimal MAX_STORAGE_GB = BigDecimal.valueOf(10_000);
    static final BigDecimal MAX_GPU_MEMORY_GB = BigDecimal.valueOf(256);
    /** Millicores and megabyte-ish precision: more decimals than this are no valid intent. */
    static final int MAX_DECIMALS = 3;
    static final int MAX_TIMEOUT_SECONDS = 3600;

    private DeploymentValidator() {
    }

    public static DeploymentSpec validate(String tenantId, DeploymentRequest request) {
        FieldErrors errors = new FieldErrors();
        errors.text("componentId", request.componentId(), 48, COMPONENT_ID, "1 to 48 lowercase letters, digits or '-'");
        errors.text("componentVersion", request.componentVersion(), 64, SEMANTIC_VERSION, "a semantic version such as 2.1.0");
        errors.required("environment", request.environment());
        ContainerSpec container = null;
        List<EnvironmentVariable> environment = new ArrayList<>();
        if (request.container() == null) {
            errors.add("container", "is required");
        } else {
            container = container(tenantId, request.container(), environment, errors);
        }
        ValidationSpec validation = validation(request.validation(), errors);
        errors.throwIfAny();
        return new DeploymentSpec(request.componentId(), request.componentVersion(), request.environment(), container, validation,
                environment);
    }

    private static ContainerSpec container(String tenantId, ContainerRequest c, List<EnvironmentVariable> env, FieldErrors errors) {
        errors.text("container.imageName", c.imageName(), 255, IMAGE_NAME, "an image name such as registry.example.com/team/etl-core");
        errors.text("container.imageTag", c.imageTag(), 128, IMAGE_TAG, "an image tag (letters, digits, '_', '.', '-')");
        if (c.imageDigest() != null) {
            errors.text("container.imageDigest", c.imageDigest(), 71, IMAGE_DIGEST, "an image digest sha256:<64 lowercase hex digits>");
        }
        errors.text("container.containerName", c.containerName(), 63, DNS_LABEL, "a DNS label (lowercase letters, digits, '-')");
        if (c.containerName() != null && DNS_LABEL.matcher(c.containerName()).matches()
                && ManifestNames.serviceName(tenantId, c.containerName()).length() > ManifestNames.MAX_SERVICE_NAME_LENGTH) {
            errors.add("container.containerName", "is too long: the Service name " + ManifestNames.serviceName(tenantId, c.containerName())
                    + " must be at most " + ManifestNames.MAX_SERVICE_NAME_LENGTH + " characters");
        }
        double cpu = amount("container.cpuCores", c.cpuCores(), DEFAULT_CPU_CORES, MAX_CPU_CORES, errors);
        double memory = amount("container.memoryGb", c.memoryGb(), DEFAULT_MEMORY_GB, MAX_MEMORY_GB, errors);
        double storage = amount("container.storageGb", c.storageGb(), DEFAULT_STORAGE_GB, MAX_STORAGE_GB, errors);
        boolean gpu = Boolean.TRUE.equals(c.gpuRequired());
        Double gpuMemory = c.gpuMemoryGb();
        if (gpuMemory != null) {
            amount("container.gpuMemoryGb", gpuMemory, 0, MAX_GPU_MEMORY_GB, errors);
            if (!gpu) {
                errors.add("container.gpuMemoryGb", "is only allowed with gpuRequired: true");
            }
        }
        int min = c.minReplicas() == null ? DEFAULT_MIN_REPLICAS : c.minReplicas();
        int max = c.maxReplicas() == null ? DEFAULT_MAX_REPLICAS : c.maxReplicas();
        if (min < 1 || min > MAX_REPLICAS_LIMIT) {
            errors.add("container.minReplicas", "must be between 1 and " + MAX_REPLICAS_LIMIT);
        }
        if (max < 1 || max > MAX_REPLICAS_LIMIT) {
            errors.add("container.maxReplicas", "must be between 1 and " + MAX_REPLICAS_LIMIT);
        } else if (max < min) {
            errors.add("container.maxReplicas", "must be at least minReplicas (" + min + ")");
        }
        boolean autoScaling = c.autoScalingEnabled() == null || c.autoScalingEnabled();
        List<String> metrics = scalingMetrics(c.scalingMetrics(), autoScaling, errors);
        env.addAll(EnvironmentValidator.validate(c.environmentVariables(), errors));
        List<DataVolume> volumes = volumes(c.dataVolumes(), errors);
        Map<String, String> securityContext = securityContext(c.securityContext(), errors);
        if (!errors.isEmpty()) {
            // The Avro builder refuses missing required values with an exception: the errors say it first.
            return null;
        }
        return ContainerSpec.newBuilder()
                .setImageName(c.imageName())
                .setImageTag(c.imageTag())
                .setContainerName(c.containerName())
                .setCpuCores(cpu)
                .setMemoryGb(memory)
                .setStorageGb(storage)
                .setGpuRequired(gpu)
                .setGpuMemoryGb(gpuMemory)
                .setEnvironmentVariableNames(env.stream().map(EnvironmentVariable::toEventName).toList())
                .setDataVolumes(volumes)
                .setMinReplicas(min)
                .setMaxReplicas(max)
                .setAutoScalingEnabled(autoScaling)
                .setScalingMetrics(metrics)
                .setSecurityContext(securityContext)
                .setImageDigest(c.imageDigest())
                .build();
    }

    private static double amount(String field, Double value, double defaultValue, BigDecimal max, FieldErrors errors) {
        if (value == null) {
            return defaultValue;
        }
        if (value.isNaN() || value.isInfinite() || value <= 0) {
            errors.add(field, "must be greater than 0");
            return defaultValue;
        }
        BigDecimal exact = BigDecimal.valueOf(value).stripTrailingZeros();
        if (exact.compareTo(max) > 0) {
            errors.add(field, "must be at most " + max.toPlainString());
        } else if (exact.scale() > MAX_DECIMALS) {
            errors.add(field, "must have at most " + MAX_DECIMALS + " decimals");
        }
        return value;
    }

    private static List<String> scalingMetrics(List<String> requested, boolean autoScaling, FieldErrors errors) {
        if (requested == null) {
            return autoScaling ? DEFAULT_SCALING_METRICS : List.of();
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String metric = EnumSpellings.canonical(requested.get(i), ScalingMetric.ALL).orElse(null);
            if (metric == null) {
                errors.add("container.scalingMetrics[" + i + "]", "must be one of " + ScalingMetric.ALL);
            } else if (!seen.add(metric)) {
                errors.add("container.scalingMetrics[" + i + "]", "is listed twice");
            }
        }
        if (autoScaling && requested.isEmpty()) {
            errors.add("container.scalingMetrics", "must list at least one metric when autoScalingEnabled is true");
        }
        return List.copyOf(seen);
    }

    private static List<DataVolume> volumes(List<DataVolumeRequest> requested, FieldErrors errors) {
        if (requested == null) {
            return List.of();
        }
        if (requested.size() > MAX_VOLUMES) {
            errors.add("container.dataVolumes", "must contain at most " + MAX_VOLUMES + " values");
        }
        List<DataVolume> volumes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String at = "container.dataVolumes[" + i + "]";
            DataVolumeRequest v = requested.get(i);
            if (v == null) {
                errors.add(at, "is required");
                continue;
            }
            errors.text(at + ".name", v.name(), 63, DNS_LABEL, "a DNS label (lowercase letters, digits, '-')");
            errors.text(at + ".mountPath", v.mountPath(), 1024, Pattern.compile("/[^:\\s]*"), "an absolute path without ':' or spaces");
            if (v.name() != null && !names.add(v.name())) {
                errors.add(at + ".name", "is used by another volume");
            }
            if (v.mountPath() != null && !paths.add(v.mountPath())) {
                errors.add(at + ".mountPath", "is used by another volume");
            }
            String type = EnumSpellings.canonical(v.type(), VolumeType.ALL).orElse(null);
            if (type == null) {
                errors.add(at + ".type", "must be one of " + VolumeType.ALL);
            } else if (VolumeType.PERSISTENT.equals(type)) {
                errors.text(at + ".pvcName", v.pvcName(), 253, DNS_LABEL, "the name of a PersistentVolumeClaim in the tenant namespace");
            } else if (v.pvcName() != null) {
                errors.add(at + ".pvcName", "is only allowed for type " + VolumeType.PERSISTENT);
            }
            if (type != null) { // the Avro builder refuses a null type; the error above already names it
                volumes.add(DataVolume.newBuilder().setName(v.name()).setMountPath(v.mountPath())
                        .setReadOnly(Boolean.TRUE.equals(v.readOnly())).setType(type).setPvcName(v.pvcName()).build());
            }
        }
        return volumes;
    }

    private static Map<String, String> securityContext(Map<String, JsonNode> requested, FieldErrors errors) {
        if (requested == null) {
            return Map.of();
        }
        Map<String, String> texts = new TreeMap<>();
        requested.forEach((key, value) -> {
            Map<String, String> problems = SecurityContexts.problemsWith(key, value);
            problems.forEach((path, problem) -> errors.add("container.securityContext." + path, problem));
            if (problems.isEmpty()) {
                texts.put(key, value.toString());
            }
        });
        return texts;
    }

    private static ValidationSpec validation(ValidationRequest requested, FieldErrors errors) {
        int timeout = DEFAULT_READINESS_TIMEOUT_SECONDS;
        int delay = DEFAULT_SCALE_DOWN_DELAY_SECONDS;
        if (requested != null) {
            if (requested.readinessTimeoutSeconds() != null) {
                timeout = requested.readinessTimeoutSeconds();
                if (timeout < 1 || timeout > MAX_TIMEOUT_SECONDS) {
                    errors.add("validation.readinessTimeoutSeconds", "must be between 1 and " + MAX_TIMEOUT_SECONDS);
                }
            }
            if (requested.scaleDownDelaySeconds() != null) {
                delay = requested.scaleDownDelaySeconds();
                if (delay < 0 || delay > MAX_TIMEOUT_SECONDS) {
                    errors.add("validation.scaleDownDelaySeconds", "must be between 0 and " + MAX_TIMEOUT_SECONDS);
                }
            }
        }
        return new ValidationSpec(timeout, delay);
    }
}
