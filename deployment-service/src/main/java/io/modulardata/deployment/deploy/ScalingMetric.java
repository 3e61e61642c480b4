package io.modulardata.deployment.deploy;

import java.util.List;

/** The metrics an HPA may scale on, as a request lists them. */
public final class ScalingMetric {

    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";
    public static final String DATA_THROUGHPUT = "data_throughput";
    public static final List<String> ALL = List.of(CPU, MEMORY, DATA_THROUGHPUT);

    private ScalingMetric() {
    }
}
