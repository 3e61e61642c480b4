package io.modulardata.console.audit;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.databind.JsonNode;

import io.modulardata.console.platform.PlatformServices;
import io.modulardata.console.platform.Query;
import io.modulardata.console.platform.ServiceAnswer;
import io.modulardata.console.signin.Viewer;
import io.modulardata.identity.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Audit: search audit-service's log by tenant, type and time, verify the chain, download a compliance
 * report. Every call goes to audit-service with the signed-in user's token, so audit-service's rules hold
 * (a tenant-admin sees only its tenant, a tenant-user nothing).
 */
@Path("/audit")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN, Roles.TENANT_USER})
public class AuditResource {

    static final List<String> FRAMEWORKS = List.of("SOC2", "GDPR", "HIPAA", "PCI_DSS");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance audit(Search search, List<Entry> entries, String nextCursor, String error,
                AuditChain.Verification verification, List<String> frameworks);

        static native TemplateInstance verification(AuditChain.Verification verification, String error);
    }

    /** What was searched for, as typed. */
    public record Search(String tenant, String type, String from, String to) {

        public boolean any() {
            return tenant != null || type != null || from != null || to != null;
        }
    }

    /** One audit entry as the search shows it. */
    public record Entry(long sequence, String occurredAt, String eventType, String tenantId, String actor,
            String aggregateId, String correlationId, String hash, String payload) {
    }

    private final Viewer viewer;
    private final PlatformServices services;
    private final AuditChain chain;

    public AuditResource(Viewer viewer, PlatformServices services, AuditChain chain) {
        this.viewer = viewer;
        this.services = services;
        this.chain = chain;
    }

    @GET
    @Operation(summary = "Audit page: search the audit log")
    public TemplateInstance search(@QueryParam("tenant") String tenant, @QueryParam("type") String type,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("cursor") String cursor) {
        Search search = new Search(blank(tenant), blank(type), blank(from), blank(to));
        String tenantId = search.tenant() != null ? search.tenant() : viewer.seesAllTenants() ? null : viewer.tenant().orElse(null);
        ServiceAnswer answer = services.get(PlatformServices.AUDIT, "/audit/events" + Query.of()
                .add("tenantId", tenantId).add("eventType", search.type())
                .add("from", AuditTimes.instant(search.from())).add("to", AuditTimes.instant(search.to()))
                .add("cursor", cursor).add("limit", "50"), viewer.rawToken(), "application/json");
        if (!answer.ok()) {
            return Templates.audit(search, List.of(), null, answer.message(), chain.lastVerification().orElse(null), FRAMEWORKS);
        }
        JsonNode page = answer.json();
        List<Entry> entries = new ArrayList<>();
        for (JsonNode item : page.path("items")) {
            entries.add(new Entry(item.path("sequence").asLong(), item.path("occurredAt").asText(),
                    item.path("eventType").asText(), item.path("tenantId").asText(), item.path("actor").asText(),
                    item.path("aggregateId").asText(), item.path("correlationId").asText(), item.path("hash").asText(),
                    item.path("payload").toPrettyString()));
        }
        String next = page.hasNonNull("nextCursor") ? page.path("nextCursor").asText() : null;
        return Templates.audit(search, entries, next, null, chain.lastVerification().orElse(null), FRAMEWORKS);
    }

    @POST
    @Path("verify")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Verify the audit chain over a period and show the result")
    public TemplateInstance verify(@FormParam("from") String from, @FormParam("to") String to) {
        try {
            return Templates.verification(chain.verify(viewer.rawToken(), viewer.name(), blank(from), blank(to)), null);
        } catch (AuditChain.AuditCallFailed e) {
            return Templates.verification(chain.lastVerification().orElse(null), e.getMessage());
        }
    }

    /** The report as audit-service makes it (CSV or JSON), handed to the browser as a download. */
    @GET
    @Path("report")
    @Produces({"text/csv", MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @Operation(summary = "Download a compliance report (CSV or JSON) from audit-service")
    public Response report(@QueryParam("tenant") String tenant, @QueryParam("framework") String framework,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("format") String format) {
        String tenantId = blank(tenant) != null ? tenant.trim() : viewer.tenant().orElse("");
        boolean csv = !"json".equals(format);
        ServiceAnswer answer = services.get(PlatformServices.AUDIT, "/audit/tenants/"
                + java.net.URLEncoder.encode(tenantId, java.nio.charset.StandardCharsets.UTF_8) + "/compliance-report"
                + Query.of().add("framework", framework).add("from", AuditTimes.instant(from)).add("to", AuditTimes.instant(to)),
                viewer.rawToken(), csv ? "text/csv" : "application/json");
        if (!answer.ok()) {
            return Response.status(answer.status()).type(MediaType.TEXT_HTML_TYPE)
                    .entity(Templates.audit(new Search(blank(tenant), null, blank(from), blank(to)), List.of(), null,
                            answer.message(), chain.lastVerification().orElse(null), FRAMEWORKS))
                    .build();
        }
        String file = "compliance-report-" + tenantId + "-" + (framework == null ? "all" : framework) + (csv ? ".csv" : ".json");
        return Response.ok(answer.body()).type(csv ? "text/csv" : MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"" + file.replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
                .build();
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
