package io.modulardata.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;

import java.util.List;
import java.util.Optional;

/** The images a Deployment's pod template runs, and the tag test the emulation's marked images share. */
final class PodImages {

    private PodImages() {
    }

    /** Whether any container of the Deployment's pod template runs an image tagged {@code tag}. */
    static boolean anyTagged(Deployment deployment, String tag) {
        return containers(deployment).stream()
                .map(Container::getImage)
                .anyMatch(image -> isTagged(image, tag));
    }

    /** A registry port's ':' is always followed by a path, so a name ending in ":" + tag has that tag. */
    static boolean isTagged(String image, String tag) {
        return image != null && image.endsWith(":" + tag);
    }

    private static List<Container> containers(Deployment deployment) {
        return Optional.ofNullable(deployment.getSpec())
                .map(DeploymentSpec::getTemplate)
                .map(PodTemplateSpec::getSpec)
                .map(PodSpec::getContainers)
                .orElse(List.of());
    }
}
