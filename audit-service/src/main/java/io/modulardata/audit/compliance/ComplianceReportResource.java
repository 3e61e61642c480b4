package io.modulardata.audit.compliance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.modulardata.audit.query.EventQuery;
import io.modulardata.identity.Roles;
import io.modulardata.kit.json.EnumSpellings;
import io.modulardata.kit.openapi.ProblemResponses;
import io.modulardata.kit.problem.FieldError;
import io.modulardata.kit.problem.InvalidRequestException;
import io.modulardata.kit.security.TenantAccess;
import io.smallrye.mutiny.Uni;

@Path("/audit/tenants/{tenantId}/compliance-report")
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN})
@APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
public class ComplianceReportResource {

    public static final String TEXT_CSV = "text/csv";

    private final ComplianceReportService reports;
    private final TenantAccess access;

    public ComplianceReportResource(ComplianceReportService reports, TenantAccess access) {
        this.reports = reports;
        this.access = access;
    }

    /** JSON, unless the Accept header prefers {@code text/csv}. */
    @GET
    @Produces({MediaType.APPLICATION_JSON, TEXT_CSV})
    @Operation(summary = "Report the tenant's compliance-relevant events for a framework and period, as JSON or CSV")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Uni<Response> report(@PathParam("tenantId") String tenantId, @QueryParam("framework") String framework,
            @QueryParam("from") String from, @QueryParam("to") String to, @Context HttpHeaders headers) {
        boolean csv = wantsCsv(headers.getAcceptableMediaTypes());
        return report(tenantId, framework, from, to).map(report -> csv
                ? Response.ok(ComplianceCsv.of(report), TEXT_CSV + ";charset=UTF-8").build()
                : Response.ok(report, MediaType.APPLICATION_JSON).build());
    }

    private static boolean wantsCsv(List<MediaType> acceptable) {
        for (MediaType type : acceptable) {
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType()) {
                return false;
            }
            if (!type.isWildcardType() && !type.isWildcardSubtype() && type.isCompatible(MediaType.valueOf(TEXT_CSV))) {
                return true;
            }
        }
        return false;
    }

    private Uni<ComplianceReport> report(String tenantId, String framework, String from, String to) {
        EventQuery.requireTenantId(tenantId);
        access.requireRead(tenantId);
        List<FieldError> errors = new ArrayList<>();
        Framework parsed = null;
        if (framework == null) {
            errors.add(new FieldError("framework", "is required: one of " + Arrays.toString(Framework.values())));
        } else {
            // Our name or the original platform's spelling ("pci_dss"), in any letter case.
            parsed = EnumSpellings.parse(Framework.class, framework).orElse(null);
            if (parsed == null) {
                errors.add(new FieldError("framework", "must be one of " + Arrays.toString(Framework.values())));
            }
        }
        Instant start = EventQuery.instant("from", from, errors);
        Instant end = EventQuery.instant("to", to, errors);
        Instant periodStart = start == null ? Instant.EPOCH : start;
        Instant periodEnd = end == null ? Instant.now() : end;
        if (periodStart.isAfter(periodEnd)) {
            errors.add(new FieldError("from", "must not be after to"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return reports.report(tenantId, parsed, periodStart, periodEnd);
    }
}
