package io.modulardata.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strimzi, Apicurio Registry and CloudNativePG resources against their operators' published CRD schemas;
 * ServiceMonitor (no CRD here, see crds/README.md) against the fields Prometheus needs to find the metrics.
 */
class CustomResourceSchemaTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyOperatorResourceMatchesItsCrdSchema(String overlay) {
        List<GenericKubernetesResource> checked = Manifests.ofType(overlay, GenericKubernetesResource.class).stream()
                .filter(resource -> CrdSchemas.forResource(resource).isPresent())
                .toList();

        assertThat(checked).extracting(GenericKubernetesResource::getKind)
                .contains("Kafka", "KafkaNodePool", "KafkaTopic", "ApicurioRegistry3", "Cluster", "Database");
        for (GenericKubernetesResource resource : checked) {
            assertThat(CrdSchemas.validate(resource)).as("%s %s", resource.getKind(), resource.getMetadata().getName()).isEmpty();
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyCustomResourceHasASchemaOrIsAServiceMonitor(String overlay) {
        assertThat(Manifests.ofType(overlay, GenericKubernetesResource.class))
                .filteredOn(resource -> CrdSchemas.forResource(resource).isEmpty())
                .extracting(GenericKubernetesResource::getKind)
                .containsOnly("ServiceMonitor");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void serviceMonitorsScrapeTheMetricsOnTheManagementPort(String overlay) {
        for (String service : Manifests.SERVICES) {
            GenericKubernetesResource monitor = Manifests.custom(overlay, "ServiceMonitor").stream()
                    .filter(candidate -> candidate.getMetadata().getName().equals(service)).findFirst().orElseThrow();
            Map<String, Object> spec = monitor.get("spec");
            Service target = Manifests.named(overlay, Service.class, service);

            assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
            assertThat((Map<?, ?>) monitor.get("spec", "selector", "matchLabels")).isEqualTo(target.getMetadata().getLabels());
            assertThat((List<?>) spec.get("endpoints")).singleElement()
                    .isEqualTo(Map.of("port", "management", "path", "/q/metrics", "interval", "30s"));
            assertThat(target.getSpec().getPorts()).anySatisfy(port -> assertThat(port.getName()).isEqualTo("management"));
        }
    }

    @Test
    void refusesAWrongTypeAMissingFieldAndAFieldTheCrdDoesNotKnow() {
        GenericKubernetesResource topic = (GenericKubernetesResource) Manifests.parse("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: t}
                spec:
                  partitions: three
                  replicationFactor: 3
                """).get(0);
        GenericKubernetesResource database = (GenericKubernetesResource) Manifests.parse("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Database
                metadata: {name: d}
                spec:
                  cluster: {name: c}
                  name: d
                """).get(0);

        assertThat(String.join("\n", CrdSchemas.validate(topic))).contains("partitions").contains("replicationFactor");
        assertThat(String.join("\n", CrdSchemas.validate(database))).contains("owner");
    }
}
