package io.modulardata.deployment.deploy;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import io.modulardata.identity.Roles;
import io.modulardata.kit.command.CommandContexts;
import io.modulardata.kit.openapi.ProblemResponses;
import io.modulardata.kit.problem.ApiProblemException;
import io.modulardata.kit.security.TenantAccess;
import io.modulardata.kit.web.RequestBodies;
import io.smallrye.mutiny.Uni;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
public class DeploymentResource {

    public static final String YAML = "application/yaml";

    private final DeploymentService deployments;
    private final TenantAccess access;
    private final CommandContexts contexts;

    public DeploymentResource(DeploymentService deployments, TenantAccess access, CommandContexts contexts) {
        this.deployments = deployments;
        this.access = access;
        this.contexts = contexts;
    }

    @POST
    @Path("/tenants/{tenantId}/deployments")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN})
    @Operation(summary = "Deploy a component version for the tenant, blue-green; 202 with the rollout to follow")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    @APIResponse(responseCode = "410", ref = ProblemResponses.GONE)
    public Uni<RestResponse<DeploymentAccepted>> deploy(@PathParam("tenantId") String tenantId, DeploymentRequest request) {
        access.requireAdmin(PathIds.tenantId(tenantId));
        return deployments.deploy(tenantId, RequestBodies.require(request), contexts.current())
                .map(accepted -> RestResponse.ResponseBuilder.<DeploymentAccepted>create(RestResponse.Status.ACCEPTED)
                        .location(java.net.URI.create(accepted.links().get("self"))).entity(accepted).build());
    }

    @POST
    @Path("/tenants/{tenantId}/deployments/preview")
    @Produces(YAML)
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(summary = "Preview the Kubernetes manifests a deploy would apply; changes nothing")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    public Uni<String> preview(@PathParam("tenantId") String tenantId, DeploymentRequest request) {
        access.requireRead(PathIds.tenantId(tenantId));
        return deployments.preview(tenantId, RequestBodies.require(request));
    }

    @GET
    @Path("/tenants/{tenantId}/deployments")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(summary = "List the tenant's deployments, newest first")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Uni<List<DeploymentView>> history(@PathParam("tenantId") String tenantId) {
        access.requireRead(PathIds.tenantId(tenantId));
        return deployments.history(tenantId);
    }

    @GET
    @Path("/deployments/{deploymentId}")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(summary = "Get one deployment and its rollout progress")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Uni<DeploymentView> get(@PathParam("deploymentId") String deploymentId) {
        return deployments.get(PathIds.deploymentId(deploymentId)).invoke(view -> requireVisible(view.tenantId(), deploymentId));
    }

    @POST
    @Path("/deployments/{deploymentId}/rollback")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN})
    @Operation(summary = "Roll a deployment back: traffic returns to the previous slot")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "410", ref = ProblemResponses.GONE)
    public Uni<DeploymentView> rollBack(@PathParam("deploymentId") String deploymentId, RollbackRequest request) {
        String reason = RollbackRequest.validReason(request);
        return deployments.get(PathIds.deploymentId(deploymentId))
                .invoke(view -> {
                    requireVisible(view.tenantId(), deploymentId);
                    access.requireAdmin(view.tenantId());
                })
                .chain(view -> deployments.rollBack(deploymentId, reason, contexts.current()));
    }

    /** Another tenant's deployment answers 404, like an unknown one. */
    private void requireVisible(String tenantId, String deploymentId) {
        if (!access.canRead(tenantId)) {
            throw ApiProblemException.notFound("Deployment", deploymentId);
        }
    }
}
