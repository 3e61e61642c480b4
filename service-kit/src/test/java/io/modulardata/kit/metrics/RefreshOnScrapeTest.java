package io.modulardata.kit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;

class RefreshOnScrapeTest {

    private final AtomicInteger refreshes = new AtomicInteger();
    private final AtomicLong value = new AtomicLong(7);

    @Test
    void aScrapeAnswersWithTheLastValueAndStartsOneRefreshHoweverManyGaugesItReads() {
        ToDoubleFunction<AtomicLong> gauge = new RefreshOnScrape("test", Duration.ofHours(1), refreshes::incrementAndGet)
                .reading(AtomicLong::get);

        assertThat(gauge.applyAsDouble(value)).isEqualTo(7);
        assertThat(refreshes).hasValue(1);
        for (int read = 0; read < 10; read++) {
            gauge.applyAsDouble(value);
        }
        assertThat(refreshes).hasValue(1);
    }

    @Test
    void theNextScrapeAfterTheMinimumIntervalStartsTheNextRefresh() throws InterruptedException {
        ToDoubleFunction<AtomicLong> gauge = new RefreshOnScrape("test", Duration.ofMillis(50), refreshes::incrementAndGet)
                .reading(AtomicLong::get);
        gauge.applyAsDouble(value);

        Thread.sleep(80);
        value.set(8);

        assertThat(gauge.applyAsDouble(value)).isEqualTo(8);
        assertThat(refreshes).hasValue(2);
    }

    @Test
    void nothingIsRefreshedWhileNobodyScrapes() throws InterruptedException {
        new RefreshOnScrape("test", Duration.ofMillis(1), refreshes::incrementAndGet).reading(AtomicLong::get);

        Thread.sleep(20);

        assertThat(refreshes).hasValue(0);
    }

    @Test
    void aRefreshThatCannotStartLeavesTheScrapeItsValue() {
        ToDoubleFunction<AtomicLong> gauge = new RefreshOnScrape("test", Duration.ofHours(1), () -> {
            throw new IllegalStateException("the checker is shut down");
        }).reading(AtomicLong::get);

        assertThat(gauge.applyAsDouble(value)).isEqualTo(7);
    }
}
