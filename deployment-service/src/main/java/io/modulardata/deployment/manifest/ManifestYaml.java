package io.modulardata.deployment.manifest;

import java.util.stream.Collectors;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** Manifests as one multi-document YAML text, the way {@code kubectl apply -f} reads them. */
public final class ManifestYaml {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private ManifestYaml() {
    }

    public static String of(ComponentManifests manifests) {
        return manifests.all().stream()
                .map(object -> {
                    String yaml = SERIALIZATION.asYaml(object);
                    return yaml.startsWith("---") ? yaml : "---\n" + yaml;
                })
                .collect(Collectors.joining());
    }
}
