package io.modulardata.audit.query;

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
import io.modulardata.identity.Roles;
import io.modulardata.kit.openapi.ProblemResponses;
import io.modulardata.kit.problem.ApiProblemException;
import io.modulardata.kit.problem.InvalidRequestException;
import io.modulardata.kit.security.TenantAccess;
import io.smallrye.mutiny.Uni;

@Path("/audit/events")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN})
@APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
public class AuditEventsResource {

    private final AuditEntries entries;
    private final ErasedPersonalFields erased;
    private final TenantAccess access;

    public AuditEventsResource(AuditEntries entries, ErasedPersonalFields erased, TenantAccess access) {
        this.entries = entries;
        this.erased = erased;
        this.access = access;
    }

    /** Newest first; {@code nextCursor} fetches the following page. A tenant-admin only sees its tenant. */
    @GET
    @Operation(summary = "Search the audit log, newest first, one page at a time")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Uni<EventPage<AuditEventView>> list(@QueryParam("tenantId") String tenantId, @QueryParam("eventType") String eventType,
            @QueryParam("aggregateId") String aggregateId, @QueryParam("correlationId") String correlationId,
            @QueryParam("actor") String actor, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        EventQuery query = EventQuery.parse(tenantId, eventType, aggregateId, correlationId, actor, from, to, limit, cursor);
        EventQuery scoped = scope(query);
        return Worker.run(() -> {
            List<AuditEntry> rows = entries.page(scoped);
            return Pages.of(rows, scoped.limit(), erased.viewsOf(rows));
        });
    }

    @GET
    @Path("/{eventId}")
    @Operation(summary = "Get one audited event by its eventId")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Uni<AuditEventView> get(@PathParam("eventId") String eventId) {
        if (eventId.isEmpty() || eventId.length() > 256) {
            throw new InvalidRequestException("eventId", "must be 1-256 characters");
        }
        boolean all = access.seesAllTenants();
        String own = access.ownTenant().orElse(null);
        return Worker.run(() -> entries.byEventId(eventId)
                .filter(entry -> all || entry.tenantId().equals(own))
                .map(entry -> erased.viewsOf(List.of(entry)).apply(entry))
                .orElseThrow(() -> ApiProblemException.notFound("Event", eventId)));
    }

    private EventQuery scope(EventQuery query) {
        if (access.seesAllTenants()) {
            return query;
        }
        if (query.tenantId() == null) {
            return query.withTenant(access.ownTenant()
                    .orElseThrow(() -> ApiProblemException.forbidden("The token is not bound to a tenant")));
        }
        access.requireRead(query.tenantId());
        return query;
    }
}
