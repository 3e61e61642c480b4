package io.modulardata.security.encryption;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code decryption_failures_total{operation}}: tokens that did not decrypt with any of the tenant's key versions
 * (tampered, truncated, expired, or sealed with a key the tenant no longer has), by operation (decrypt, rewrap,
 * decrypt_batch). A burst is worth a look: a client with a wrong key, or someone probing.
 */
@ApplicationScoped
public class DecryptionFailures {

    public static final String METRIC = "decryption.failures";

    private final MeterRegistry meters;
    private final Map<String, Counter> byOperation = new ConcurrentHashMap<>();

    public DecryptionFailures(MeterRegistry meters) {
        this.meters = meters;
    }

    void record(String operation) {
        byOperation.computeIfAbsent(operation, name -> Counter.builder(METRIC)
                .description("Tokens that could not be decrypted, by operation").tag("operation", name)
                .register(meters)).increment();
    }
}
