package io.modulardata.console;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What an operator sets (the MDP_… variables mapped in application.properties). */
@ConfigMapping(prefix = "console")
public interface ConsoleConfig {

    /** Kafka, as every platform service reaches it. */
    String kafkaBootstrapServers();

    /** Apicurio Registry's v3 API, where the writer schema of each record is looked up. */
    String registryUrl();

    /** The topics the console reads, from their beginning, at every start. */
    List<String> topics();

    /** The console's own consumer group (its committed offsets show its lag beside the services'). */
    String groupId();

    /** How many of the latest events are kept for the live tail and replayed to a reconnecting stream. */
    @WithDefault("5000")
    int recentEvents();

    /** How long the live stream gathers changes before it tells a page to refresh its views. */
    @WithDefault("200ms")
    Duration refreshInterval();

    /**
     * The broker holds the reader's fetch until this much is there ... (Kafka's fetch.min.bytes). At 1 it answered
     * every few events under load: 0.44 ms of CPU per command at 250 commands/s, more than the security service's.
     */
    @WithDefault("65536")
    int fetchMinBytes();

    /**
     * ... or until this long has passed (fetch.max.wait.ms): what it adds to an event's way to a page at light load,
     * no longer than the live stream's own {@link #refreshInterval()}. An idle console fetches this often.
     */
    @WithDefault("200ms")
    Duration fetchMaxWait();

    /** How long overview figures that cost a call (health, lag, metrics) are reused. */
    @WithDefault("2s")
    Duration probeCacheTime();

    /** The platform's services by name: where their API and their metrics are. */
    Map<String, Service> services();

    interface Service {
        /** e.g. http://127.0.0.1:8081 */
        String url();

        /** The Prometheus text of the service (its management interface). */
        String metricsUrl();
    }
}
