package io.modulardata.deployment.cluster;

import java.util.UUID;

import jakarta.inject.Singleton;

/**
 * This instance's name among the replicas: the pod's host name where there is one, made unique (a restarted
 * process is a new instance). It names the rollout leases this instance holds and, in the User-Agent of every
 * Kubernetes API request, tells an operator reading the cluster's audit log which replica wrote an object.
 */
@Singleton
public class InstanceName {

    private final String value;

    public InstanceName() {
        this(System.getenv().getOrDefault("HOSTNAME", "instance") + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    InstanceName(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }
}
