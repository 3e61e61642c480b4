package io.modulardata.deployment.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClusterAccessTest {

    @Test
    void theInClusterFallbackOutsideAClusterIsNotConfigured() {
        assertThat(ClusterAccess.isConfigured("https://kubernetes.default.svc/", false)).isFalse();
        assertThat(ClusterAccess.isConfigured(null, false)).isFalse();
    }

    @Test
    void aKubeconfigServerOrTheInClusterAccountIsConfigured() {
        assertThat(ClusterAccess.isConfigured("https://10.0.0.1:6443/", false)).isTrue();
        assertThat(ClusterAccess.isConfigured("https://kubernetes.default.svc/", true)).isTrue();
    }
}
