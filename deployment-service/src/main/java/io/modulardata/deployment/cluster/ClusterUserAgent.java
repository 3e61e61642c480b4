package io.modulardata.deployment.cluster;

import jakarta.inject.Singleton;

import io.fabric8.kubernetes.client.Config;
import io.quarkus.kubernetes.client.KubernetesConfigCustomizer;

/** Every Kubernetes API request names the service and this instance in its User-Agent (see {@link InstanceName}). */
@Singleton
public class ClusterUserAgent implements KubernetesConfigCustomizer {

    static final String PRODUCT = "deployment-service/";

    private final InstanceName instance;

    public ClusterUserAgent(InstanceName instance) {
        this.instance = instance;
    }

    @Override
    public void customize(Config config) {
        config.setUserAgent(PRODUCT + instance.value());
    }
}
