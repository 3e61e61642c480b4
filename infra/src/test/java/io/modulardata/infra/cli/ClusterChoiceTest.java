package io.modulardata.infra.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterChoiceTest {

    @TempDir
    Path home;

    @Test
    void withoutAnyConfigurationTheEmulationIsNeeded() {
        assertThat(ClusterChoice.configuredCluster(Map.of("KUBECONFIG", " "), home)).isEmpty();
    }

    @Test
    void anExplicitApiServerWinsOverKubeconfigs() throws Exception {
        writeDefaultKubeconfig();
        assertThat(ClusterChoice.configuredCluster(Map.of(
                "QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", "https://k8s.example:6443",
                "KUBECONFIG", "/etc/kube.yaml"), home))
                .contains("API server https://k8s.example:6443 (QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL)");
    }

    @Test
    void kubeconfigVariableIsUsed() {
        assertThat(ClusterChoice.configuredCluster(Map.of("KUBECONFIG", "/etc/kube.yaml"), home))
                .contains("kubeconfig /etc/kube.yaml (KUBECONFIG, current context)");
    }

    @Test
    void theDefaultKubeconfigInTheHomeFolderIsUsed() throws Exception {
        Path config = writeDefaultKubeconfig();
        assertThat(ClusterChoice.configuredCluster(Map.of(), home)).contains("kubeconfig " + config + " (current context)");
    }

    private Path writeDefaultKubeconfig() throws Exception {
        Path config = home.resolve(".kube/config");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "apiVersion: v1\nkind: Config\n");
        return config;
    }
}
