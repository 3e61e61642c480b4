package io.modulardata.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The emulation's way to try a green the cluster will not create: the API server refuses to create or
 * replace a Deployment running an image tagged {@value #TAG} (e.g. {@code registry.example.com/data/etl-core:refused})
 * with 403 Forbidden and the message an image-policy admission webhook gives, every time it is asked.
 * Like {@link NeverReadyImage}, the tag is chosen per deployment request; everything else is stored as sent.
 */
public final class RefusedImage {

    public static final String TAG = "refused";
    /** The webhook name the refusal message carries, as a real cluster names the webhook that denied. */
    static final String WEBHOOK = "image-policy.emulator.modulardata.io";

    private RefusedImage() {
    }

    /** Whether any container of the Deployment's pod template runs an image tagged {@value #TAG}. */
    static boolean runsIn(Deployment deployment) {
        return PodImages.anyTagged(deployment, TAG);
    }

    /** What the API server answers, in a Kubernetes Status's message. */
    static String denial(Deployment deployment) {
        return "admission webhook \"" + WEBHOOK + "\" denied the request: Deployment "
                + deployment.getMetadata().getName() + " runs an image tagged '" + TAG + "', which this cluster does not admit";
    }
}
