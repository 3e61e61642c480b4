package io.modulardata.audit.ingest;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import javax.sql.DataSource;

import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.modulardata.audit.AuditConfig;
import io.modulardata.audit.DataSources;
import io.modulardata.audit.checkpoint.SigningKey;
import io.modulardata.kit.metrics.ConsumerLag;
import io.modulardata.kit.metrics.EventsConsumed;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/** Runs the {@link IngestLoop} on its own thread for the life of the application, and exports its metrics. */
@ApplicationScoped
public class AuditIngestor implements IngestLoop.Listener {

    private final AuditConfig config;
    private final AuditLogWriter writer;
    private final String bootstrapServers;
    private final String registryUrl;
    private final MeterRegistry meters;
    private final Counter appended;
    private final Counter duplicates;
    private final Counter failures;
    private final Map<TopicPartition, AtomicLong> lags = new ConcurrentHashMap<>();
    private final ConsumerLag consumerLag;
    private final EventsConsumed eventsConsumed;
    private final AtomicLong chainHead = new AtomicLong();
    private IngestLoop loop;
    private Thread thread;

    public AuditIngestor(AuditConfig config, @io.quarkus.agroal.DataSource(DataSources.INGEST) DataSource dataSource,
            SigningKey key, MeterRegistry meters, ConsumerLag consumerLag, EventsConsumed eventsConsumed,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "mp.messaging.connector.smallrye-kafka.apicurio.registry.url") String registryUrl) {
        this.config = config;
        if (config.checkpoints().everyEntries() > config.checkpoints().maxGap()) {
            throw new IllegalStateException("modulardata.audit.checkpoints.every-entries (" + config.checkpoints().everyEntries()
                    + ") must not exceed modulardata.audit.checkpoints.max-gap (" + config.checkpoints().maxGap()
                    + "): verification would report the checkpoints as missing");
        }
        this.writer = new AuditLogWriter(dataSource, key, config.checkpoints().everyEntries(),
                config.checkpoints().interval(), Clock.systemUTC());
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.meters = meters;
        this.appended = Counter.builder("audit.entries.appended").description("Events appended to the audit chain")
                .register(meters);
        this.duplicates = Counter.builder("audit.duplicates.dropped")
                .description("Redelivered events (an eventId already stored) that were not appended again").register(meters);
        this.failures = Counter.builder("audit.ingest.failures").description("Ingest batches that failed and were retried")
                .register(meters);
        this.consumerLag = consumerLag;
        this.eventsConsumed = eventsConsumed;
        Gauge.builder("audit.chain.head", chainHead, AtomicLong::get)
                .description("Sequence number of the newest entry of the audit chain").register(meters);
    }

    void onStart(@Observes StartupEvent startup) {
        if (config.ingest().enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent shutdown) {
        stop();
    }

    /** Starts consuming from the committed offsets (idempotent). */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        readChainHead();
        loop = new IngestLoop(bootstrapServers, registryUrl, config.ingest().groupId(), config.ingest().sessionTimeout(), config.topics(),
                config.ingest().maxBatch(), config.ingest().pollTimeout(),
                new IngestLoop.Fetch(config.ingest().fetchMinBytes(), config.ingest().fetchMaxWait()), writer, this);
        thread = new Thread(loop, "audit-ingest");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops consuming and waits for the loop to close its consumer; what was not committed is read again on {@link #start}. */
    public synchronized void stop() {
        if (thread == null) {
            return;
        }
        loop.stop();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
        loop = null;
    }

    /** Whether the ingest thread is alive (false when stopped or disabled). */
    public synchronized boolean isRunning() {
        return thread != null && thread.isAlive();
    }

    public boolean enabled() {
        return config.ingest().enabled();
    }

    /** The head as stored, so that the gauge is right before the first batch of this run. */
    private void readChainHead() {
        try {
            chainHead.set(writer.headSequence());
        } catch (java.sql.SQLException e) {
            Log.warnf("Audit chain head not read at start (the gauge shows it after the next batch): %s", e.toString());
        }
    }

    @Override
    public void appended(AuditLogWriter.AppendResult result) {
        appended.increment(result.appended());
        duplicates.increment(result.duplicates());
        chainHead.set(result.head());
    }

    @Override
    public void committed(String topic, int records) {
        eventsConsumed.record(config.ingest().groupId(), topic, records);
    }

    @Override
    public void lag(TopicPartition partition, long lag) {
        lags.computeIfAbsent(partition, tp -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("audit.ingest.lag", value, AtomicLong::get)
                    .description("Records on the partition not yet appended (consumer lag)")
                    .tags(Tags.of("topic", tp.topic(), "partition", String.valueOf(tp.partition())))
                    .register(meters);
            return value;
        }).set(lag);
        consumerLag.record(config.ingest().groupId(), partition, lag);
    }

    @Override
    public void failed(Exception failure) {
        failures.increment();
    }
}
