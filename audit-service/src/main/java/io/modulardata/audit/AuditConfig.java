package io.modulardata.audit;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "modulardata.audit")
public interface AuditConfig {

    /** Topics whose events are audited; every platform topic, plus any added by configuration. */
    List<String> topics();

    /** Ed25519 key file (PKCS#8 private key and X.509 public key, PEM); generated when missing. */
    String signingKeyFile();

    Ingest ingest();

    Checkpoints checkpoints();

    Verify verify();

    interface Ingest {

        /** Whether this instance consumes the topics (off e.g. for a read-only replica). */
        @WithDefault("true")
        boolean enabled();

        /** Kafka consumer group; instances sharing it share the partitions. */
        @WithDefault("audit-service")
        String groupId();

        /**
         * How long the consumer group waits for a silent instance (killed, frozen, cut off) before its
         * partitions go to another instance (Kafka's session.timeout.ms; the broker's allowed range is 6 s to
         * 5 min by default). An instance that stops cleanly hands them over at once.
         */
        @WithDefault("10s")
        Duration sessionTimeout();

        /** Most records appended in one transaction. */
        @WithDefault("5000")
        int maxBatch();

        /** How long one poll waits for records. */
        @WithDefault("500ms")
        Duration pollTimeout();

        /**
         * The broker holds a fetch until this much data is ready ... (Kafka's fetch.min.bytes; 1 answers
         * every fetch at once, which at a few hundred events a second costs the broker a fetch per event).
         */
        @WithDefault("65536")
        int fetchMinBytes();

        /** ... or until this long has passed (fetch.max.wait.ms): the most it adds to an event's way into the log. */
        @WithDefault("200ms")
        Duration fetchMaxWait();
    }

    interface Checkpoints {

        /** A checkpoint is signed after this many new entries ... */
        @WithDefault("1000")
        int everyEntries();

        /** ... or after this long, whichever comes first (only when there are new entries). */
        @WithDefault("60s")
        Duration interval();

        /**
         * Verification reports checkpoints as missing when two consecutive ones are more than this many entries
         * apart, or this many entries follow the latest; at least {@link #everyEntries}.
         */
        @WithDefault("1000")
        int maxGap();
    }

    interface Verify {

        /** Threads (each with a connection of the verify pool) that verify the chain, apart from ingest and queries. */
        @WithDefault("2")
        int threads();
    }
}
