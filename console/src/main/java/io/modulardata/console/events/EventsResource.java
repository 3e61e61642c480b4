package io.modulardata.console.events;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.modulardata.console.ConsoleConfig;
import io.modulardata.console.platform.Query;
import io.modulardata.console.signin.Viewer;
import io.modulardata.identity.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The live tail of every topic the console reads, filterable by tenant, type and topic: the latest kept
 * events first, then each new one as the stream brings it (the page asks the stream for what came after
 * the newest event it shows, so nothing falls between the page and the stream).
 */
@Path("/events")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN, Roles.TENANT_USER})
public class EventsResource {

    /** Rows the page starts with; it keeps at most {@code keptRows} as new ones arrive. */
    static final int FIRST_ROWS = 200;
    static final int KEPT_ROWS = 2000;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance events(List<EventRow> rows, EventFilter filter, String stream, long after,
                List<String> topics, List<String> types, int keptRows);
    }

    static final List<String> TYPES = List.of("TenantRegistered", "TenantConfigurationChanged", "ComponentRegistered",
            "ComponentStatusChanged", "ComponentAccessGranted", "ComponentAccessRevoked", "DeploymentRequested",
            "DeploymentPhaseCompleted", "DeploymentSucceeded", "DeploymentFailed", "DeploymentRolledBack", "DataProcessingReported",
            "SecurityEvent");

    private final Viewer viewer;
    private final EventLog log;
    private final EventRows rows;
    private final ConsoleConfig config;

    public EventsResource(Viewer viewer, EventLog log, EventRows rows, ConsoleConfig config) {
        this.viewer = viewer;
        this.log = log;
        this.rows = rows;
        this.config = config;
    }

    @GET
    @Operation(summary = "Events page: the latest platform events, filtered by tenant and type")
    public TemplateInstance tail(@QueryParam("tenant") String tenant, @QueryParam("type") String type,
            @QueryParam("topic") String topic) {
        EventFilter filter = EventFilter.of(tenant, type, topic).within(viewer.scope());
        EventLog.Snapshot snapshot = log.snapshot(event -> filter.matches(event, viewer.scope()), FIRST_ROWS);
        String stream = "/live" + Query.of().add("tenant", filter.tenant()).add("type", filter.type())
                .add("topic", filter.topic()).add("after", Long.toString(snapshot.lastSequence()));
        return Templates.events(rows.views(snapshot.events()), filter, stream, snapshot.lastSequence(), config.topics(),
                TYPES, KEPT_ROWS);
    }
}
