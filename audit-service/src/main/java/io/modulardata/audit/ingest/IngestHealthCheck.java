package io.modulardata.audit.ingest;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the ingest thread runs (or when ingest is switched off on purpose). */
@Readiness
@ApplicationScoped
public class IngestHealthCheck implements HealthCheck {

    private final AuditIngestor ingestor;

    public IngestHealthCheck(AuditIngestor ingestor) {
        this.ingestor = ingestor;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("audit ingest").status(!ingestor.enabled() || ingestor.isRunning())
                .withData("enabled", ingestor.enabled()).build();
    }
}
