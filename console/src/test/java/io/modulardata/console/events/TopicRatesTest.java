package io.modulardata.console.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TopicRatesTest {

    private final AtomicLong millis = new AtomicLong(1_000_000);
    private final TopicRates rates = new TopicRates(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    });

    @Test
    void countsTheLastTenWholeSecondsPerTopic() {
        for (int second = 0; second < 10; second++) {
            for (int i = 0; i < 3; i++) {
                rates.count("registry-events");
            }
            millis.addAndGet(1000);
        }
        rates.count("registry-events"); // the current second is not counted yet

        assertThat(rates.perSecond("registry-events")).isEqualTo(3.0);
        assertThat(rates.perSecond("security-events")).isZero();

        millis.addAndGet(5000);
        assertThat(rates.perSecond("registry-events")).isEqualTo((3 * 5 + 1) / 10.0);

        millis.addAndGet(20_000);
        assertThat(rates.perSecond("registry-events")).isZero();
    }
}
