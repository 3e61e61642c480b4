package io.modulardata.console.overview;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.console.ConsoleConfig;
import io.modulardata.console.platform.PlatformServices;

/**
 * How long each service's outbox takes to reach Kafka: the service's {@code outbox_publish_lag_seconds}
 * timer (time from an event's occurrence to the broker's ack), read from its Prometheus metrics on its
 * management interface. Shown: the largest lag of the last minutes and the mean since the service started.
 */
@ApplicationScoped
public class OutboxLag {

    static final String METRIC = "outbox_publish_lag_seconds";

    private final ConsoleConfig config;
    private final PlatformServices services;
    private final Cached<List<ServiceLag>> lags;

    public OutboxLag(ConsoleConfig config, PlatformServices services) {
        this.config = config;
        this.services = services;
        this.lags = new Cached<>(config.probeCacheTime(), this::readAll);
    }

    /** {@code answered}: the metrics were read; a service that publishes nothing (audit) has no figures. */
    public record ServiceLag(String service, String metricsUrl, boolean answered, Double maxSeconds, Double meanSeconds,
            Long published) {

        public String maxText() {
            return seconds(maxSeconds);
        }

        public String meanText() {
            return seconds(meanSeconds);
        }

        public String publishedText() {
            return published == null ? "–" : published.toString();
        }

        private static String seconds(Double value) {
            return value == null ? "–" : String.format(java.util.Locale.ROOT, "%.3f s", value);
        }
    }

    public List<ServiceLag> lags() {
        return lags.get();
    }

    private List<ServiceLag> readAll() {
        List<ServiceLag> found = new ArrayList<>();
        for (var service : new TreeMap<>(config.services()).entrySet()) {
            String url = service.getValue().metricsUrl();
            found.add(services.probe(url).filter(response -> response.statusCode() == 200)
                    .map(response -> parse(service.getKey(), url, response.body()))
                    .orElse(new ServiceLag(service.getKey(), url, false, null, null, null)));
        }
        return found;
    }

    static ServiceLag parse(String service, String url, String prometheusText) {
        Map<String, Double> values = PrometheusText.sums(prometheusText);
        OptionalDouble count = optional(values.get(METRIC + "_count"));
        Double mean = count.isPresent() && count.getAsDouble() > 0 && values.containsKey(METRIC + "_sum")
                ? values.get(METRIC + "_sum") / count.getAsDouble() : null;
        Double published = values.get("outbox_published_total");
        return new ServiceLag(service, url, true, values.get(METRIC + "_max"), mean,
                published == null ? null : published.longValue());
    }

    private static OptionalDouble optional(Double value) {
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
