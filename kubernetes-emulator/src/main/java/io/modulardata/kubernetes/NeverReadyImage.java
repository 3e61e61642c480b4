package io.modulardata.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;

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
        return PodImages.anyTagged(deployment, TAG);
    }

    static boolean isTagged(String image) {
        return PodImages.isTagged(image, TAG);
    }
}
