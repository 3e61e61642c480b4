package io.modulardata.console.overview;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutboxLagTest {

    @Test
    void readsTheOutboxTimerFromPrometheusText() {
        String metrics = """
                # HELP outbox_publish_lag_seconds Time from an event's occurrence to its Kafka ack
                # TYPE outbox_publish_lag_seconds summary
                outbox_publish_lag_seconds_count{topic="registry-events"} 4.0
                outbox_publish_lag_seconds_sum{topic="registry-events"} 0.2
                outbox_publish_lag_seconds_count{topic="other"} 1.0
                outbox_publish_lag_seconds_sum{topic="other"} 0.3
                # TYPE outbox_publish_lag_seconds_max gauge
                outbox_publish_lag_seconds_max{topic="registry-events"} 0.09
                outbox_publish_lag_seconds_max{topic="other"} 0.3
                outbox_published_total 5.0
                http_server_requests_seconds_count{method="GET",uri="/q/health"} 12.0
                """;

        OutboxLag.ServiceLag lag = OutboxLag.parse("registry-service", "http://x/q/metrics", metrics);

        assertThat(lag.answered()).isTrue();
        assertThat(lag.maxSeconds()).isEqualTo(0.3);
        assertThat(lag.meanSeconds()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(lag.published()).isEqualTo(5);
        assertThat(lag.maxText()).isEqualTo("0.300 s");
    }

    @Test
    void aServiceWithoutAnOutboxHasNoFigures() {
        OutboxLag.ServiceLag lag = OutboxLag.parse("audit-service", "http://x/q/metrics", "jvm_threads_live_threads 30.0\n");

        assertThat(lag.maxSeconds()).isNull();
        assertThat(lag.meanSeconds()).isNull();
        assertThat(lag.maxText()).isEqualTo("–");
        assertThat(lag.publishedText()).isEqualTo("–");
    }
}
