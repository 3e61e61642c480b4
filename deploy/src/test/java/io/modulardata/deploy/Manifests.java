package io.modulardata.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The rendered overlays of deploy/, parsed into fabric8 objects (custom resources as generic ones). */
final class Manifests {

    static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    static final Path DEPLOY = ROOT.resolve("deploy");
    static final List<String> OVERLAYS = List.of("dev", "production");
    static final List<String> SERVICES = List.of("registry-service", "deployment-service", "security-service", "audit-service");
    /** No database and no management port, but run, hardened and scaled like the services. */
    static final String CONSOLE = "console";
    static final List<String> WORKLOADS = List.of("registry-service", "deployment-service", "security-service", "audit-service",
            CONSOLE);
    static final String NAMESPACE = "modulardata";
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private static final Map<String, List<HasMetadata>> RENDERED = new ConcurrentHashMap<>();

    private Manifests() {
    }

    static String yaml(String overlay) {
        return Kubectl.kustomize(DEPLOY.resolve("overlays").resolve(overlay));
    }

    static List<HasMetadata> objects(String overlay) {
        return RENDERED.computeIfAbsent(overlay, name -> parse(yaml(name)));
    }

    static List<HasMetadata> parse(String yaml) {
        return Arrays.stream(yaml.split("(?m)^---\\s*$"))
                .filter(document -> !document.isBlank())
                .map(document -> (HasMetadata) SERIALIZATION.unmarshal(document))
                .toList();
    }

    static <T extends HasMetadata> List<T> ofType(String overlay, Class<T> type) {
        return objects(overlay).stream().filter(type::isInstance).map(type::cast).toList();
    }

    static List<GenericKubernetesResource> custom(String overlay, String kind) {
        return ofType(overlay, GenericKubernetesResource.class).stream()
                .filter(resource -> resource.getKind().equals(kind)).toList();
    }

    static <T extends HasMetadata> T named(String overlay, Class<T> type, String name) {
        return ofType(overlay, type).stream().filter(object -> object.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + " has no " + type.getSimpleName() + " " + name));
    }

    static Deployment service(String overlay, String service) {
        return named(overlay, Deployment.class, service);
    }
}
