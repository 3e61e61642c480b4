package io.modulardata.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every overlay renders with Kustomize and every object in it parses into a typed fabric8 object. */
class OverlaysRenderTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    /** Groups whose kinds come from the operators' CRDs: fabric8 has no model for them. */
    private static final Set<String> CUSTOM_GROUPS = Set.of("kafka.strimzi.io", "registry.apicur.io", "postgresql.cnpg.io",
            "monitoring.coreos.com");

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void rendersTheWholePlatform(String overlay) {
        Set<String> kinds = Manifests.objects(overlay).stream().map(HasMetadata::getKind).collect(Collectors.toSet());

        assertThat(kinds).contains("Namespace", "KafkaNodePool", "Kafka", "KafkaTopic", "ApicurioRegistry3", "Cluster",
                "Database", "Job", "ConfigMap", "Deployment", "Service", "ServiceAccount", "PodDisruptionBudget",
                "HorizontalPodAutoscaler", "ServiceMonitor", "ClusterRole", "ClusterRoleBinding", "NetworkPolicy");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void parsesEveryKubernetesKindIntoItsTypedModel(String overlay) {
        for (HasMetadata object : Manifests.objects(overlay)) {
            boolean custom = CUSTOM_GROUPS.contains(object.getApiVersion().split("/")[0]);
            assertThat(object instanceof GenericKubernetesResource)
                    .as("%s %s parsed as a %s", object.getKind(), object.getMetadata().getName(), object.getClass().getSimpleName())
                    .isEqualTo(custom);
            assertThat(object.getMetadata().getName()).isNotBlank();
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void usesNoFieldTheTypedModelsDoNotKnow(String overlay) {
        for (HasMetadata object : Manifests.objects(overlay)) {
            if (!(object instanceof GenericKubernetesResource)) {
                assertThat(UnknownFields.of(object)).as("unknown fields of %s %s", object.getKind(), object.getMetadata().getName())
                        .isEmpty();
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void putsEveryNamespacedObjectInThePlatformNamespace(String overlay) {
        Set<String> clusterScoped = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding");
        for (HasMetadata object : Manifests.objects(overlay)) {
            assertThat(object.getMetadata().getNamespace()).as("%s %s", object.getKind(), object.getMetadata().getName())
                    .isEqualTo(clusterScoped.contains(object.getKind()) ? null : Manifests.NAMESPACE);
        }
    }

    @Test
    void findsAMisspeltFieldInATypedObject() {
        List<HasMetadata> objects = Manifests.parse("""
                apiVersion: v1
                kind: Service
                metadata: {name: x}
                spec:
                  selectr: {app: x}
                """);

        assertThat(UnknownFields.of(objects.get(0))).containsExactly(".spec.selectr");
    }
}
