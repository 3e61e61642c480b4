package io.modulardata.audit.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.modulardata.audit.Worker;
import io.modulardata.audit.chain.AuditEntry;
import io.modulardata.audit.query.AuditEntries;
import io.modulardata.audit.query.Cursor;
import io.modulardata.audit.query.EventPage;
import io.modulardata.audit.query.EventQuery;
import io.modulardata.audit.query.Pages;
import io.modulardata.identity.Roles;
import io.modulardata.kit.openapi.ProblemResponses;
import io.modulardata.kit.problem.FieldError;
import io.modulardata.kit.problem.InvalidRequestException;
import io.modulardata.kit.security.TenantAccess;
import io.smallrye.mutiny.Uni;

@Path("/audit/tenants/{tenantId}/timeline")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN})
@APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
public class TimelineResource {

    /** One step of a tenant's history. */
    public record TimelineEntry(long sequence, Instant occurredAt, String eventType, String eventId, String actor,
            String aggregateId, String correlationId, String summary) {

        static TimelineEntry of(AuditEntry entry) {
            return new TimelineEntry(entry.sequence(), entry.occurredAt(), entry.simpleType(), entry.eventId(),
                    entry.actor(), entry.aggregateId(), entry.correlationId(), Summaries.of(entry));
        }
    }

    private final AuditEntries entries;
    private final TenantAccess access;

    public TimelineResource(AuditEntries entries, TenantAccess access) {
        this.entries = entries;
        this.access = access;
    }

    /** The tenant's events oldest first, with a summary each; {@code nextCursor} continues. */
    @GET
    @Operation(summary = "The tenant's history, oldest first, with a summary per event")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Uni<EventPage<TimelineEntry>> timeline(@PathParam("tenantId") String tenantId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        EventQuery.requireTenantId(tenantId);
        access.requireRead(tenantId);
        List<FieldError> errors = new ArrayList<>();
        Instant start = EventQuery.instant("from", from, errors);
        Instant end = EventQuery.instant("to", to, errors);
        int size = EventQuery.limit(limit, errors);
        Cursor after = null;
        if (cursor != null) {
            try {
                after = Cursor.decode(cursor);
            } catch (InvalidRequestException e) {
                errors.addAll(e.errors());
            }
        }
        if (start != null && end != null && start.isAfter(end)) {
            errors.add(new FieldError("from", "must not be after to"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        Cursor position = after;
        return Worker.run(() -> Pages.of(entries.timeline(tenantId, start, end, position, size), size, TimelineEntry::of));
    }
}
