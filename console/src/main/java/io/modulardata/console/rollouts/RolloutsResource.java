package io.modulardata.console.rollouts;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.modulardata.console.platform.PlatformServices;
import io.modulardata.console.platform.ServiceAnswer;
import io.modulardata.console.signin.Viewer;
import io.modulardata.identity.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Rollouts, and a page per rollout whose phases tick as deployment-events arrive (the Argo Rollouts
 * dashboard is the model). Roll back and abort call deployment-service with the signed-in user's token;
 * deployment-service has one operation for both (before the traffic switch a rollback aborts the rollout)
 * and decides whether it is allowed.
 */
@Path("/rollouts")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN, Roles.TENANT_USER})
public class RolloutsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance rollouts(List<Rollout> rollouts);

        static native TemplateInstance table(List<Rollout> rollouts);

        static native TemplateInstance rollout(Rollout rollout, boolean mayAct, String message, String error);

        static native TemplateInstance detail(Rollout rollout, boolean mayAct, String message, String error);
    }

    private final Viewer viewer;
    private final RolloutsView rollouts;
    private final PlatformServices services;
    private final ObjectMapper json;

    public RolloutsResource(Viewer viewer, RolloutsView rollouts, PlatformServices services, ObjectMapper json) {
        this.viewer = viewer;
        this.rollouts = rollouts;
        this.services = services;
        this.json = json;
    }

    @GET
    @Operation(summary = "Rollouts page: every deployment and its phase")
    public TemplateInstance list() {
        return Templates.rollouts(rollouts.list(viewer.scope(), null));
    }

    @GET
    @Path("table")
    @Operation(summary = "Rollouts table fragment (htmx refresh)")
    public TemplateInstance table() {
        return Templates.table(rollouts.list(viewer.scope(), null));
    }

    @GET
    @Path("{deploymentId}")
    @Operation(summary = "Rollout page: one deployment and its phases")
    public TemplateInstance rollout(@PathParam("deploymentId") String deploymentId) {
        Rollout rollout = visible(deploymentId);
        return Templates.rollout(rollout, viewer.administers(rollout.tenantId()), null, null);
    }

    @GET
    @Path("{deploymentId}/detail")
    @Operation(summary = "Rollout detail fragment (htmx refresh)")
    public TemplateInstance detail(@PathParam("deploymentId") String deploymentId) {
        Rollout rollout = visible(deploymentId);
        return Templates.detail(rollout, viewer.administers(rollout.tenantId()), null, null);
    }

    /** Roll back, or abort before the traffic switch: the same call to deployment-service. */
    @POST
    @Path("{deploymentId}/rollback")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Roll a deployment back, or abort it before the traffic switch, through deployment-service")
    public Response rollBack(@PathParam("deploymentId") String deploymentId, @FormParam("reason") String reason,
            @FormParam("action") String action, @HeaderParam("HX-Request") String htmx) {
        Rollout before = visible(deploymentId);
        ObjectNode body = json.createObjectNode();
        String why = reason == null || reason.isBlank()
                ? ("abort".equals(action) ? "aborted" : "rolled back") + " in the console by " + viewer.name()
                : reason.strip();
        body.put("reason", why);
        ServiceAnswer answer = services.post(PlatformServices.DEPLOYMENT, "/deployments/" + deploymentId + "/rollback",
                viewer.rawToken(), body.toString());
        if (htmx == null) {
            return answer.ok() ? Response.seeOther(URI.create("/rollouts/" + deploymentId)).build()
                    : Response.status(answer.status()).entity(Templates.rollout(before, true, null, answer.message())).build();
        }
        // deployment-service answers with the rolled-back deployment before the console has read its event.
        Rollout now = visible(deploymentId);
        String message = answer.ok() ? "deployment-service accepted the " + ("abort".equals(action) ? "abort" : "rollback")
                + "; the timeline follows as its events arrive." : null;
        return Response.ok(Templates.detail(now, viewer.administers(now.tenantId()), message,
                answer.ok() ? null : answer.message())).build();
    }

    private Rollout visible(String deploymentId) {
        return rollouts.find(deploymentId, viewer.scope()).orElseThrow(NotFoundException::new);
    }
}
