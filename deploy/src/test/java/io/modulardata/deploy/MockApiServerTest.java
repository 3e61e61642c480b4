package io.modulardata.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole bundle of each overlay is accepted by the Kubernetes API emulation (the fabric8 mock server in CRUD
 * mode): the CRDs first, as the operators install them, then every object, each read back unchanged. The
 * emulation checks names, scopes and conflicts, not schemas (the other tests do that).
 */
@EnableKubernetesMockClient(crud = true)
class MockApiServerTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    static KubernetesClient client;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void acceptsEveryObjectOfTheOverlay(String overlay) {
        List<CustomResourceDefinition> crds = new ArrayList<>(CrdSchemas.all());
        crds.add(serviceMonitorCrd());
        crds.forEach(crd -> client.resource(crd).createOr(existing -> existing.update()));

        List<HasMetadata> objects = Manifests.objects(overlay);
        objects.stream().filter(Namespace.class::isInstance).forEach(namespace -> client.resource(namespace).create());
        for (HasMetadata object : objects) {
            if (object instanceof Namespace) {
                continue;
            }
            HasMetadata created = object instanceof GenericKubernetesResource custom
                    ? client.genericKubernetesResources(context(custom, crds)).resource(custom).create()
                    : client.resource(object).create();
            assertThat(created.getMetadata().getUid()).as("%s %s", object.getKind(), object.getMetadata().getName()).isNotNull();
        }

        for (HasMetadata object : objects) {
            HasMetadata stored = object instanceof GenericKubernetesResource custom
                    ? client.genericKubernetesResources(context(custom, crds)).resource(custom).get()
                    : client.resource(object).get();
            assertThat(withoutServerFields(stored)).as("%s %s", object.getKind(), object.getMetadata().getName())
                    .isEqualTo(withoutServerFields(object));
        }
        objects.forEach(object -> {
            if (!(object instanceof Namespace)) {
                client.resource(object).delete();
            }
        });
        objects.stream().filter(Namespace.class::isInstance).forEach(namespace -> client.resource(namespace).delete());
    }

    private static ResourceDefinitionContext context(GenericKubernetesResource resource, List<CustomResourceDefinition> crds) {
        CustomResourceDefinition crd = crds.stream()
                .filter(candidate -> candidate.getSpec().getNames().getKind().equals(resource.getKind())
                        && resource.getApiVersion().startsWith(candidate.getSpec().getGroup() + "/"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no CRD for " + resource.getKind()));
        return new ResourceDefinitionContext.Builder()
                .withGroup(crd.getSpec().getGroup())
                .withVersion(resource.getApiVersion().split("/")[1])
                .withKind(crd.getSpec().getNames().getKind())
                .withPlural(crd.getSpec().getNames().getPlural())
                .withNamespaced("Namespaced".equals(crd.getSpec().getScope()))
                .build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutServerFields(HasMetadata object) {
        Map<String, Object> map = Manifests.SERIALIZATION.convertValue(object, Map.class);
        Map<String, Object> metadata = (Map<String, Object>) map.get("metadata");
        List.of("uid", "resourceVersion", "creationTimestamp", "generation", "finalizers").forEach(metadata::remove);
        map.remove("status");
        return map;
    }

    /** The prometheus-operator's ServiceMonitor kind, enough for the emulation to store it (no schema). */
    private static CustomResourceDefinition serviceMonitorCrd() {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("servicemonitors.monitoring.coreos.com").endMetadata()
                .withNewSpec()
                .withGroup("monitoring.coreos.com")
                .withScope("Namespaced")
                .withNewNames().withKind("ServiceMonitor").withPlural("servicemonitors").withSingular("servicemonitor").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true)
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema()
                .endVersion()
                .endSpec()
                .build();
    }
}
