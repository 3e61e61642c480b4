package io.modulardata.console.tenants;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.modulardata.console.events.EventFilter;
import io.modulardata.console.events.EventLog;
import io.modulardata.console.events.EventRow;
import io.modulardata.console.events.EventRows;
import io.modulardata.console.platform.PlatformServices;
import io.modulardata.console.platform.ServiceAnswer;
import io.modulardata.console.rollouts.Rollout;
import io.modulardata.console.rollouts.RolloutsView;
import io.modulardata.console.signin.Viewer;
import io.modulardata.identity.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Tenants, and a page per tenant: configuration, quotas with what is in use, grants, deployments with their
 * phase timelines, key versions, compliance frameworks and the latest events. Another tenant's page answers
 * 404, exactly like a tenant that does not exist.
 */
@Path("/tenants")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN, Roles.TENANT_USER})
public class TenantsResource {

    static final int LATEST_EVENTS = 20;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance tenants(List<TenantLine> tenants);

        static native TemplateInstance list(List<TenantLine> tenants);

        static native TemplateInstance tenant(Tenant tenant, Quotas quotas, List<Rollout> deployments, List<EventRow> events);

        static native TemplateInstance view(Tenant tenant, Quotas quotas, List<Rollout> deployments, List<EventRow> events);

        static native TemplateInstance hours(Tenant tenant, String hours, String error);
    }

    /** A tenant in the list, with what it holds. */
    public record TenantLine(Tenant tenant, int deployments, int inProgress) {
    }

    private final Viewer viewer;
    private final TenantsView tenants;
    private final RolloutsView rollouts;
    private final EventLog log;
    private final EventRows rows;
    private final PlatformServices services;

    public TenantsResource(Viewer viewer, TenantsView tenants, RolloutsView rollouts, EventLog log, EventRows rows,
            PlatformServices services) {
        this.viewer = viewer;
        this.tenants = tenants;
        this.rollouts = rollouts;
        this.log = log;
        this.rows = rows;
        this.services = services;
    }

    @GET
    @Operation(summary = "Tenants page: every tenant the user may see")
    public TemplateInstance list() {
        return Templates.tenants(lines());
    }

    @GET
    @Path("list")
    @Operation(summary = "Tenants list fragment (htmx refresh)")
    public TemplateInstance listFragment() {
        return Templates.list(lines());
    }

    @GET
    @Path("{tenantId}")
    @Operation(summary = "Tenant page: configuration, deployments and events")
    public TemplateInstance tenant(@PathParam("tenantId") String tenantId) {
        Tenant tenant = visible(tenantId);
        return Templates.tenant(tenant, quotas(tenant), rollouts.list(viewer.scope(), tenantId), latestEvents(tenantId));
    }

    @GET
    @Path("{tenantId}/view")
    @Operation(summary = "Tenant detail fragment (htmx refresh)")
    public TemplateInstance view(@PathParam("tenantId") String tenantId) {
        Tenant tenant = visible(tenantId);
        return Templates.view(tenant, quotas(tenant), rollouts.list(viewer.scope(), tenantId), latestEvents(tenantId));
    }

    /** Processing hours come from deployment-service (it times how long deployments serve), with the user's token. */
    @GET
    @Path("{tenantId}/hours")
    @Operation(summary = "Tenant fragment: processing hours from deployment-service")
    public TemplateInstance hours(@PathParam("tenantId") String tenantId) {
        Tenant tenant = visible(tenantId);
        ServiceAnswer answer = services.get(PlatformServices.DEPLOYMENT, "/tenants/" + tenantId + "/metrics",
                viewer.rawToken(), "application/json");
        if (!answer.ok()) {
            return Templates.hours(tenant, null, answer.message());
        }
        double hours = answer.json().path("totalProcessingHours").asDouble();
        return Templates.hours(tenant, String.format(java.util.Locale.ROOT, "%.2f", hours), null);
    }

    private Tenant visible(String tenantId) {
        return tenants.find(tenantId, viewer.scope()).orElseThrow(NotFoundException::new);
    }

    private List<TenantLine> lines() {
        return tenants.list(viewer.scope()).stream().map(tenant -> {
            List<Rollout> deployments = rollouts.list(viewer.scope(), tenant.tenantId());
            return new TenantLine(tenant, deployments.size(), (int) deployments.stream().filter(Rollout::inProgress).count());
        }).toList();
    }

    private Quotas quotas(Tenant tenant) {
        return Quotas.of(tenant, rollouts.usage(tenant.tenantId()));
    }

    private List<EventRow> latestEvents(String tenantId) {
        EventFilter filter = EventFilter.of(tenantId, null, null);
        return rows.views(log.latest(event -> filter.matches(event, viewer.scope()), LATEST_EVENTS));
    }
}
