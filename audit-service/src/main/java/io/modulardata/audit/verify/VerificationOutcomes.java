package io.modulardata.audit.verify;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.modulardata.audit.chain.VerifyResult;

/**
 * What chain verifications found, for alerting: {@code audit_verifications_total{result="valid"|"broken"}},
 * {@code audit_chain_valid} (1 if the latest verification found the chain intact, 0 if broken; absent before the
 * first) and {@code audit_chain_last_verification_timestamp_seconds}.
 */
final class VerificationOutcomes {

    private final Counter valid;
    private final Counter broken;
    private final AtomicLong lastValid = new AtomicLong();
    private final AtomicLong lastTime = new AtomicLong();
    private final MeterRegistry meters;
    private final Clock clock;
    private volatile boolean gaugesRegistered;

    VerificationOutcomes(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
        this.valid = counter(meters, "valid");
        this.broken = counter(meters, "broken");
    }

    void record(VerifyResult result) {
        (result.valid() ? valid : broken).increment();
        lastValid.set(result.valid() ? 1 : 0);
        lastTime.set(clock.millis() / 1000);
        registerGauges();
    }

    private synchronized void registerGauges() {
        if (gaugesRegistered) {
            return;
        }
        Gauge.builder("audit.chain.valid", lastValid, AtomicLong::get)
                .description("1 if the latest chain verification found the chain intact, 0 if broken").register(meters);
        Gauge.builder("audit.chain.last.verification.timestamp.seconds", lastTime, AtomicLong::get)
                .description("When the chain was last verified (Unix time)").register(meters);
        gaugesRegistered = true;
    }

    private static Counter counter(MeterRegistry meters, String result) {
        return Counter.builder("audit.verifications").description("Chain verifications, by what they found")
                .tag("result", result).register(meters);
    }
}
