package io.modulardata.systemtests;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two instances of one service behind a round-robin balancer, as a Kubernetes Service spreads calls over
 * replicas: each call goes to the next instance, or to the other one when that one is dead.
 */
final class ServicePair {

    private final List<ServiceProcess> instances;
    private final AtomicInteger calls = new AtomicInteger();

    ServicePair(ServiceProcess first, ServiceProcess second) {
        this.instances = List.of(first, second);
    }

    ServiceProcess get(int index) {
        return instances.get(index);
    }

    /** The instance that is not {@code instance}. */
    ServiceProcess other(ServiceProcess instance) {
        return instances.get(0) == instance ? instances.get(1) : instances.get(0);
    }

    /** The next instance in turn that is alive. */
    ServiceProcess next() {
        ServiceProcess next = instances.get(Math.floorMod(calls.getAndIncrement(), 2));
        return next.isAlive() ? next : other(next);
    }

    HttpResponse<String> send(String method, String path, String token, String json, String correlationId) throws Exception {
        return next().send(method, path, token, json, correlationId);
    }
}
