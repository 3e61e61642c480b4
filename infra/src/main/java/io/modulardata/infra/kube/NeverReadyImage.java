package io.modulardata.infra.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;

import java.util.List;
import java.util.Optional;

/**
 * The emulation's way to try the failure path of a rollout: a Deployment running an image tagged
 * {@value #TAG} (e.g. {@code registry.example.com/data/etl-core:never-ready}) never reports ready, as if
 * its pods kept failing their readiness probe. The tag is chosen per deployment request, so no restart
 * of the emulation is needed and every other Deployment keeps becoming ready.
 */
public final class NeverReadyImage {

    public static final String TAG = "never-ready";

    private NeverReadyImage() {
    }

    /** Whether any container of the Deployment's pod template runs an image tagged {@value #TAG}. */
    static boolean runsIn(Deployment deployment) {
        return containers(deployment).stream()
                .map(Container::getImage)
                .anyMatch(NeverReadyImage::isTagged);
    }

    /** A registry port's ':' is always followed by a path, so a name ending in ":never-ready" has that tag. */
    static boolean isTagged(String image) {
        return image != null && image.endsWith(":" + TAG);
    }

    private static List<Container> containers(Deployment deployment) {
        return Optional.ofNullable(deployment.getSpec())
                .map(DeploymentSpec::getTemplate)
                .map(PodTemplateSpec::getSpec)
                .map(PodSpec::getContainers)
                .orElse(List.of());
    }
}
