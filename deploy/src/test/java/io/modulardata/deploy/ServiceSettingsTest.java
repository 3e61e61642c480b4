package io.modulardata.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every setting the manifests pass to a service or the console is one it reads, and every one it needs in
 * production is passed.
 */
class ServiceSettingsTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void passesOnlySettingsTheServiceReads(String overlay) {
        for (String service : Manifests.WORKLOADS) {
            ServiceSettings settings = ServiceSettings.of(service);

            assertThat(environment(overlay, service).keySet()).as(service)
                    .allSatisfy(variable -> assertThat(settings.reads(variable)).as("%s reads %s", service, variable).isTrue());
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void passesEverySettingTheServiceNeedsInProduction(String overlay) {
        for (String service : Manifests.SERVICES) {
            ServiceSettings settings = ServiceSettings.of(service);
            Set<String> passed = environment(overlay, service).keySet();
            Set<String> required = settings.defaults().keySet().stream().filter(settings::requires).collect(Collectors.toCollection(TreeSet::new));

            assertThat(required).as(service).contains("MDP_KAFKA_BOOTSTRAP_SERVERS", "MDP_APICURIO_REGISTRY_URL", "MDP_POSTGRES_HOST",
                    "MDP_JWT_PUBLIC_KEY_LOCATION", "MDP_POSTGRES_USER", "MDP_POSTGRES_MIGRATION_PASSWORD");
            assertThat(passed).as(service).containsAll(required);
            settings.defaults().keySet().stream().filter(settings::optionalAlternative).map(ServiceSettingsTest::stem).distinct()
                    .forEach(stem -> assertThat(passed).as("%s: %s or %s_FILE", service, stem, stem)
                            .containsAnyOf(stem, stem + "_FILE"));
        }
    }

    /** The organisation's identity provider is configuration (platform-endpoints), the same for every service. */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void passesTheIdentityProviderSettingsToEveryService(String overlay) {
        for (String service : Manifests.SERVICES) {
            assertThat(ServiceSettings.of(service).reads("MDP_OIDC_ISSUER")).as(service).isTrue();
            assertThat(environment(overlay, service).keySet()).as(service).contains("MDP_OIDC_ISSUER", "MDP_OIDC_AUDIENCE");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void passesEverySettingTheConsoleNeedsInProduction(String overlay) {
        ServiceSettings settings = ServiceSettings.of(Manifests.CONSOLE);
        Set<String> passed = environment(overlay, Manifests.CONSOLE).keySet();
        Set<String> required = settings.defaults().keySet().stream().filter(settings::requires).collect(Collectors.toCollection(TreeSet::new));

        assertThat(required).contains("MDP_KAFKA_BOOTSTRAP_SERVERS", "MDP_APICURIO_REGISTRY_URL", "MDP_JWT_PUBLIC_KEY_LOCATION");
        for (String service : Manifests.SERVICES) {
            String stem = "MDP_" + service.toUpperCase().replace('-', '_');
            assertThat(required).contains(stem + "_URL", stem + "_METRICS_URL");
        }
        assertThat(passed).containsAll(required).contains("MDP_JWT_ISSUER");
        // Single sign-on: the provider of platform-endpoints, and one session secret for every replica.
        assertThat(environment(overlay, Manifests.CONSOLE)).containsEntry("MDP_CONSOLE_SESSION_SECRET", "secret console-session/secret");
    }

    /** The console calls each service's API port and reads /q/metrics on its management port, through its Service. */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void pointsTheConsoleAtEachServicesApiAndMetricsPorts(String overlay) {
        Map<String, String> environment = environment(overlay, Manifests.CONSOLE);
        Map<String, String> platform = Manifests.ofType(overlay, ConfigMap.class).stream()
                .filter(configMap -> configMap.getMetadata().getName().startsWith("platform-endpoints-")).findFirst().orElseThrow().getData();

        assertThat(container(overlay, Manifests.CONSOLE).getPorts()).singleElement()
                .satisfies(port -> assertThat(environment).containsEntry("MDP_HTTP_PORT", String.valueOf(port.getContainerPort())));
        for (String service : Manifests.SERVICES) {
            Map<String, Integer> ports = Manifests.named(overlay, Service.class, service).getSpec().getPorts().stream()
                    .collect(Collectors.toMap(ServicePort::getName, ServicePort::getPort));
            String stem = "MDP_" + service.toUpperCase().replace('-', '_');
            assertThat(environment).as(service).containsEntry(stem + "_URL", "http://" + service + ":" + ports.get("http"))
                    .containsEntry(stem + "_METRICS_URL", "http://" + service + ":" + ports.get("management") + "/q/metrics");
        }
        for (String shared : List.of("MDP_KAFKA_BOOTSTRAP_SERVERS", "MDP_APICURIO_REGISTRY_URL", "MDP_JWT_PUBLIC_KEY_LOCATION", "MDP_JWT_ISSUER",
                "MDP_OIDC_ISSUER")) {
            assertThat(environment).containsEntry(shared, platform.get(shared));
        }
    }

    /**
     * Every console replica must read every partition for its views: a group shared by the replicas would split
     * the partitions between them, each showing part of the events. So each pod's group is its own name.
     */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void givesEveryConsolePodAConsumerGroupOfItsOwn(String overlay) {
        assertThat(ServiceSettings.of(Manifests.CONSOLE).reads("MDP_CONSOLE_GROUP_ID")).isTrue();
        assertThat(environment(overlay, Manifests.CONSOLE)).containsEntry("MDP_CONSOLE_GROUP_ID", "field metadata.name");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void givesEachServiceItsPortsDatabaseAndLogins(String overlay) {
        for (String service : Manifests.SERVICES) {
            Map<String, String> environment = environment(overlay, service);
            Container container = container(overlay, service);
            Map<String, Integer> ports = container.getPorts().stream()
                    .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
            String database = service.substring(0, service.indexOf('-'));

            assertThat(environment).containsEntry("MDP_HTTP_PORT", String.valueOf(ports.get("http")))
                    .containsEntry("MDP_MANAGEMENT_PORT", String.valueOf(ports.get("management")))
                    .containsEntry("MDP_POSTGRES_DB", database)
                    .containsEntry("MDP_POSTGRES_USER", "secret " + database + "-db-runtime/username")
                    .containsEntry("MDP_POSTGRES_PASSWORD", "secret " + database + "-db-runtime/password")
                    .containsEntry("MDP_POSTGRES_MIGRATION_USER", "secret " + database + "-db-owner/username")
                    .containsEntry("MDP_POSTGRES_MIGRATION_PASSWORD", "secret " + database + "-db-owner/password");
            assertThat(ports.get("http") - 8000).isEqualTo(ports.get("management") - 9000);
        }
    }

    /** A setting that names a file names one the pod mounts from a Secret, never the image's own filesystem. */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void findsEveryKeyFileItNamesInAMountedSecret(String overlay) {
        for (String service : Manifests.WORKLOADS) {
            Deployment deployment = Manifests.service(overlay, service);
            Map<String, Volume> volumes = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .collect(Collectors.toMap(Volume::getName, volume -> volume));
            Map<String, String> files = new HashMap<>(environment(overlay, service));
            files.values().removeIf(value -> !value.startsWith("/"));

            assertThat(files).as(service).containsKey("MDP_JWT_PUBLIC_KEY_LOCATION");
            files.forEach((variable, path) -> {
                VolumeMount mount = container(overlay, service).getVolumeMounts().stream()
                        .filter(candidate -> path.startsWith(candidate.getMountPath() + "/")).findFirst()
                        .orElseThrow(() -> new AssertionError(service + " " + variable + "=" + path + " is in no mounted volume"));
                Volume volume = volumes.get(mount.getName());
                assertThat(volume.getSecret()).as("%s %s comes from a Secret", service, variable).isNotNull();
                assertThat(volume.getSecret().getItems()).as("%s %s", service, variable)
                        .anySatisfy(item -> assertThat(mount.getMountPath() + "/" + item.getPath()).isEqualTo(path));
            });
        }
        assertThat(environment(overlay, "security-service")).containsKey("MDP_MASTER_KEY_FILE");
        assertThat(environment(overlay, "audit-service")).containsKey("MDP_AUDIT_SIGNING_KEY_FILE");
    }

    private static String value(String overlay, EnvVar variable) {
        EnvVarSource source = variable.getValueFrom();
        if (source == null) {
            return variable.getValue();
        }
        if (source.getConfigMapKeyRef() != null) {
            Map<String, String> data = Manifests.named(overlay, ConfigMap.class, source.getConfigMapKeyRef().getName()).getData();
            assertThat(data).as(variable.getName()).containsKey(source.getConfigMapKeyRef().getKey());
            return data.get(source.getConfigMapKeyRef().getKey());
        }
        if (source.getFieldRef() != null) {
            return "field " + source.getFieldRef().getFieldPath();
        }
        return "secret " + source.getSecretKeyRef().getName() + "/" + source.getSecretKeyRef().getKey();
    }

    private static String stem(String variable) {
        return variable.endsWith("_FILE") ? variable.substring(0, variable.length() - "_FILE".length()) : variable;
    }

    static Container container(String overlay, String service) {
        return Manifests.service(overlay, service).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    /** Name to value: a literal, a ConfigMap entry's value, "secret NAME/KEY" or "field PATH" (the pod's own). */
    static Map<String, String> environment(String overlay, String service) {
        Container container = container(overlay, service);
        Map<String, String> environment = new HashMap<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            assertThat(source.getSecretRef()).as("%s takes no whole Secret as environment", service).isNull();
            ConfigMap configMap = Manifests.named(overlay, ConfigMap.class, source.getConfigMapRef().getName());
            environment.putAll(configMap.getData());
        }
        for (EnvVar variable : container.getEnv()) {
            String value = value(overlay, variable);
            assertThat(environment.put(variable.getName(), value)).as("%s sets %s twice", service, variable.getName()).isNull();
        }
        return environment;
    }
}
