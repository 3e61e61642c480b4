package io.modulardata.audit.compliance;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.audit.Worker;
import io.modulardata.audit.chain.VerifyResult;
import io.modulardata.audit.query.AuditEntries;
import io.modulardata.audit.verify.IncrementalVerification;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ComplianceReportService {

    private final AuditEntries entries;
    private final IncrementalVerification verification;
    private final Clock clock = Clock.systemUTC();

    public ComplianceReportService(AuditEntries entries, IncrementalVerification verification) {
        this.entries = entries;
        this.verification = verification;
    }

    /**
     * The tenant's entries that occurred in [from, to), plus lifecycle changes of the components it was
     * granted; the chain is verified over the sequence range holding every entry of the period, incrementally
     * (see {@link IncrementalVerification}) and off the worker pool.
     */
    public Uni<ComplianceReport> report(String tenantId, Framework framework, Instant from, Instant to) {
        return Worker.run(() -> {
            ComplianceReportBuilder builder = new ComplianceReportBuilder(tenantId);
            entries.forReport(tenantId, entries.grantedComponentKeys(tenantId), from, to, builder::accept);
            return new Gathered(builder, entries.sequenceRange(from, to));
        }).flatMap(gathered -> verify(gathered.range())
                .map(verified -> gathered.builder().build(tenantId, framework, from, to, clock.instant(), verified)));
    }

    private Uni<VerifyResult> verify(long[] range) {
        return range == null ? Uni.createFrom().item(VerifyResult.ok(0)) : verification.verifyRange(range[0], range[1]);
    }

    private record Gathered(ComplianceReportBuilder builder, long[] range) {
    }
}
