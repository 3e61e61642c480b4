package io.modulardata.console.overview;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.modulardata.console.ConsoleConfig;
import io.modulardata.console.audit.AuditChain;
import io.modulardata.console.events.EventLog;
import io.modulardata.console.rollouts.Rollout;
import io.modulardata.console.rollouts.RolloutsView;
import io.modulardata.console.signin.Viewer;
import io.modulardata.console.tenants.Tenant;
import io.modulardata.console.tenants.TenantsView;
import io.modulardata.identity.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The overview: services and servers, events per second per topic, consumer lag per group, outbox lag per
 * service, the audit chain, rollouts in progress and tenants. Each part is a fragment the page reloads on
 * its own: the live ones when the stream says something changed, the measured ones every few seconds.
 * Platform-wide figures are shown to users who see every tenant only.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN, Roles.TENANT_USER})
public class OverviewResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance overview(boolean platformWide);

        static native TemplateInstance health(List<ServiceHealth.ServiceState> services, List<Servers.ServerState> servers);

        static native TemplateInstance topics(List<TopicFigure> topics);

        static native TemplateInstance lag(KafkaFigures.Figures kafka, List<OutboxLag.ServiceLag> outbox);

        static native TemplateInstance audit(AuditChain.Head head, AuditChain.Verification verification);

        static native TemplateInstance rollouts(List<Rollout> rollouts);

        static native TemplateInstance tenants(List<Tenant> tenants, int versions);
    }

    /** A topic's events per second now and events read since the console started. */
    public record TopicFigure(String topic, String perSecond, long total) {
    }

    private final Viewer viewer;
    private final ServiceHealth health;
    private final Servers servers;
    private final KafkaFigures kafka;
    private final OutboxLag outbox;
    private final AuditChain audit;
    private final EventLog log;
    private final RolloutsView rollouts;
    private final TenantsView tenants;
    private final io.modulardata.console.catalog.CatalogView catalog;
    private final ConsoleConfig config;

    public OverviewResource(Viewer viewer, ServiceHealth health, Servers servers, KafkaFigures kafka, OutboxLag outbox,
            AuditChain audit, EventLog log, RolloutsView rollouts, TenantsView tenants,
            io.modulardata.console.catalog.CatalogView catalog, ConsoleConfig config) {
        this.viewer = viewer;
        this.health = health;
        this.servers = servers;
        this.kafka = kafka;
        this.outbox = outbox;
        this.audit = audit;
        this.log = log;
        this.rollouts = rollouts;
        this.tenants = tenants;
        this.catalog = catalog;
        this.config = config;
    }

    @GET
    @Operation(summary = "Overview page: services, topics, outbox lag, audit, rollouts, tenants")
    public TemplateInstance overview() {
        return Templates.overview(viewer.seesAllTenants());
    }

    @GET
    @Path("overview/health")
    @Operation(summary = "Overview fragment: health of every service")
    public TemplateInstance health() {
        return Templates.health(health.states(), servers.states());
    }

    @GET
    @Path("overview/topics")
    @Operation(summary = "Overview fragment: events per second and totals per topic")
    public TemplateInstance topics() {
        requirePlatformWide();
        Map<String, Long> totals = new TreeMap<>(log.totals());
        config.topics().forEach(topic -> totals.putIfAbsent(topic, 0L));
        return Templates.topics(totals.entrySet().stream()
                .map(total -> new TopicFigure(total.getKey(), String.format(java.util.Locale.ROOT, "%.1f",
                        log.perSecond(total.getKey())), total.getValue()))
                .toList());
    }

    @GET
    @Path("overview/lag")
    @Operation(summary = "Overview fragment: outbox lag of every service")
    public TemplateInstance lag() {
        requirePlatformWide();
        return Templates.lag(kafka.figures(), outbox.lags());
    }

    @GET
    @Path("overview/audit")
    @Operation(summary = "Overview fragment: audit chain head and last verification")
    public TemplateInstance audit() {
        requirePlatformWide();
        return Templates.audit(audit.head(viewer.rawToken()), audit.lastVerification().orElse(null));
    }

    /** Verifies the whole chain with the user's token and shows the result in place. */
    @jakarta.ws.rs.POST
    @Path("overview/verify")
    @Operation(summary = "Verify the whole audit chain and show the result in place (platform-wide roles)")
    public TemplateInstance verify() {
        requirePlatformWide();
        String error = null;
        try {
            audit.verify(viewer.rawToken(), viewer.name(), null, null);
        } catch (AuditChain.AuditCallFailed e) {
            error = e.getMessage();
        }
        AuditChain.Head head = audit.head(viewer.rawToken());
        if (error != null && head.error() == null) {
            head = new AuditChain.Head(head.sequence(), head.hash(), head.occurredAt(), head.checkpointSequence(),
                    head.checkpointAt(), error);
        }
        return Templates.audit(head, audit.lastVerification().orElse(null));
    }

    @GET
    @Path("overview/rollouts")
    @Operation(summary = "Overview fragment: rollouts in progress")
    public TemplateInstance rolloutsInProgress() {
        return Templates.rollouts(rollouts.inProgress(viewer.scope()));
    }

    @GET
    @Path("overview/tenants")
    @Operation(summary = "Overview fragment: tenants and their usage")
    public TemplateInstance tenants() {
        return Templates.tenants(tenants.list(viewer.scope()), catalog.list(viewer.scope()).stream()
                .mapToInt(component -> component.versions().size()).sum());
    }

    private void requirePlatformWide() {
        if (!viewer.seesAllTenants()) {
            throw new jakarta.ws.rs.NotFoundException();
        }
    }
}
