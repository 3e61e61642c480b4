package io.modulardata.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NeverReadyImageTest {

    @Test
    void recognisesTheTagWithOrWithoutARegistry() {
        assertThat(NeverReadyImage.isTagged("etl:never-ready")).isTrue();
        assertThat(NeverReadyImage.isTagged("registry.example.com:5000/data/etl:never-ready")).isTrue();
    }

    @Test
    void otherTagsAndNamesThatOnlyLookAlikeAreNotHeldBack() {
        assertThat(NeverReadyImage.isTagged("etl:1.1.0")).isFalse();
        assertThat(NeverReadyImage.isTagged("etl:1.1.0-never-ready")).isFalse();
        assertThat(NeverReadyImage.isTagged("data/never-ready")).isFalse();
        assertThat(NeverReadyImage.isTagged(null)).isFalse();
    }

    @Test
    void aDeploymentIsHeldBackWhenAnyOfItsContainersRunsTheImage() {
        assertThat(NeverReadyImage.runsIn(deployment("etl:1.1.0", "sidecar:never-ready"))).isTrue();
        assertThat(NeverReadyImage.runsIn(deployment("etl:1.1.0", "sidecar:2"))).isFalse();
    }

    @Test
    void aDeploymentWithoutAPodTemplateIsNotHeldBack() {
        assertThat(NeverReadyImage.runsIn(new DeploymentBuilder().withNewMetadata().withName("bare").endMetadata().build()))
                .isFalse();
    }

    private static Deployment deployment(String image, String sidecarImage) {
        return new DeploymentBuilder()
                .withNewMetadata().withName("etl-green").endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec()
                .addNewContainer().withName("etl").withImage(image).endContainer()
                .addNewContainer().withName("sidecar").withImage(sidecarImage).endContainer()
                .endSpec().endTemplate().endSpec()
                .build();
    }
}
