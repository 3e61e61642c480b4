package io.modulardata.infra.cli;

import java.util.List;
import java.util.stream.Stream;

/**
 * The order in which {@code up} launches the service instances, as waves launched side by side: first one
 * instance of every service (each migrates its own database), then their further replicas (which find the
 * schema migrated), then the console, which finds the services answering.
 */
final class StartWaves {

    private StartWaves() {
    }

    static List<List<ServiceInstance>> of(List<ServiceInstance> instances) {
        List<ServiceInstance> services = instances.stream().filter(instance -> !instance.service().equals(ServiceSpec.CONSOLE)).toList();
        List<ServiceInstance> first = services.stream().filter(instance -> instance.number() == 1).toList();
        List<ServiceInstance> replicas = services.stream().filter(instance -> instance.number() > 1).toList();
        List<ServiceInstance> consoles = instances.stream().filter(instance -> instance.service().equals(ServiceSpec.CONSOLE)).toList();
        return Stream.of(first, replicas, consoles).filter(wave -> !wave.isEmpty()).toList();
    }

    /** The same order, each instance a wave of its own ({@code up --one-by-one}). */
    static List<List<ServiceInstance>> oneByOne(List<ServiceInstance> instances) {
        return of(instances).stream().flatMap(List::stream).map(List::of).toList();
    }
}
