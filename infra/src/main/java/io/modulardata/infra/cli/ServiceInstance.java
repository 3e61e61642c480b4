package io.modulardata.infra.cli;

/**
 * Instance {@code number} (1, 2, …) of a service started by {@code up --replicas N}. Instance k listens on the
 * service's port + 100·(k−1) and serves its metrics on its management port + 100·(k−1), so instance 1 keeps the
 * ports a single-instance platform has (registry-service 8081, 8181, …).
 */
record ServiceInstance(ServiceSpec service, int number, int port, int managementPort) {

    static final int PORT_STEP = 100;
    /** With the default ports, instance 9 of the last service (8885) stays below the first management port (9081). */
    static final int MAX_REPLICAS = 9;

    static ServiceInstance of(ServiceSpec service, int number, PlatformSettings settings) {
        if (number < 1 || number > MAX_REPLICAS) {
            throw new IllegalArgumentException("instance number must be 1 to " + MAX_REPLICAS + ", was " + number);
        }
        int offset = PORT_STEP * (number - 1);
        return new ServiceInstance(service, number, settings.port(service) + offset, settings.managementPort(service) + offset);
    }

    /** {@code registry-service} for the first instance, {@code registry-service-2} for the second: names its log file too. */
    String name() {
        return number == 1 ? service.name() : service.name() + "-" + number;
    }

    String baseUrl() {
        return ServiceRunner.baseUrl(port);
    }

    String metricsUrl() {
        return ServiceRunner.baseUrl(managementPort) + "/q/metrics";
    }
}
