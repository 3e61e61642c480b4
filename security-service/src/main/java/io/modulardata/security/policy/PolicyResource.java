package io.modulardata.security.policy;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import io.modulardata.kit.security.TenantAccess;
import io.modulardata.kit.web.Created;
import io.modulardata.kit.web.RequestBodies;
import io.modulardata.security.policy.PolicyRequests.AccessControlRequest;
import io.modulardata.security.policy.PolicyRequests.ClassificationRequest;
import io.modulardata.security.policy.PolicyRequests.EncryptionRequirementRequest;
import io.modulardata.security.policy.PolicyRequests.EvaluationRequest;
import io.modulardata.security.policy.PolicyRequests.PolicyRequest;
import io.smallrye.mutiny.Uni;

/** Platform-wide policies: platform-admin manages them; a tenant may evaluate for itself. */
@Path("/policies/{policyName}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
public class PolicyResource {

    private final PolicyService policies;
    private final TenantAccess access;
    private final CommandContexts contexts;

    public PolicyResource(PolicyService policies, TenantAccess access, CommandContexts contexts) {
        this.policies = policies;
        this.access = access;
        this.contexts = contexts;
    }

    public record PolicyView(SecurityPolicy policy, long version) {
        static PolicyView of(PolicyService.Saved saved) {
            return new PolicyView(saved.policy(), saved.version());
        }
    }

    @PUT
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Create or replace a security policy; 201 when new, 200 when replaced (platform-admin)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public Uni<RestResponse<PolicyView>> put(@PathParam("policyName") String policyName, PolicyRequest request) {
        return policies.put(policyName, request == null ? new PolicyRequest(null) : request, contexts.current())
                .map(saved -> saved.created() ? Created.at("/policies/" + policyName, PolicyView.of(saved))
                        : RestResponse.ok(PolicyView.of(saved)));
    }

    @GET
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR})
    @Operation(summary = "Get a security policy")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Uni<PolicyView> get(@PathParam("policyName") String policyName) {
        return policies.get(policyName, contexts.current()).map(PolicyView::of);
    }

    @PUT
    @Path("/access-controls/{tenantId}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Set a tenant's access control in a policy (platform-admin)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public Uni<PolicyView> accessControl(@PathParam("policyName") String policyName, @PathParam("tenantId") String tenantId,
            AccessControlRequest request) {
        return policies.putAccessControl(policyName, tenantId, RequestBodies.require(request), contexts.current())
                .map(PolicyView::of);
    }

    @PUT
    @Path("/classifications/{operation}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Set the data classification an operation requires (platform-admin)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public Uni<PolicyView> classification(@PathParam("policyName") String policyName, @PathParam("operation") String operation,
            ClassificationRequest request) {
        return policies.putClassification(policyName, operation, RequestBodies.require(request).classification(),
                contexts.current()).map(PolicyView::of);
    }

    @PUT
    @Path("/encryption-requirements/{dataType}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Set the encryption requirement of a data type (platform-admin)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public Uni<PolicyView> encryptionRequirement(@PathParam("policyName") String policyName,
            @PathParam("dataType") String dataType, EncryptionRequirementRequest request) {
        return policies.putEncryptionRequirement(policyName, dataType, RequestBodies.require(request), contexts.current())
                .map(PolicyView::of);
    }

    @POST
    @Path("/evaluate")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(summary = "Evaluate a policy for a tenant, operation and data")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Uni<PolicyEvaluator.Decision> evaluate(@PathParam("policyName") String policyName, EvaluationRequest request) {
        RequestBodies.require(request);
        if (request.tenantId() != null) {
            access.requireRead(request.tenantId());
        }
        return policies.evaluate(policyName, request, contexts.current());
    }
}
