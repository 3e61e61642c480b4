package io.modulardata.deployment.registry;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.modulardata.deployment.registry.RegistryKnowledgeRebuild;
import io.modulardata.identity.Roles;
import io.modulardata.kit.openapi.ProblemResponses;
import io.modulardata.kit.projection.ReadModelResource;
import io.smallrye.mutiny.Uni;

/** Operator tool: rebuild what this service knows of tenants, components and grants from registry-events. */
@Path("/admin/registry-knowledge/rebuild")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
public class RegistryKnowledgeResource {

    private final RegistryKnowledgeRebuild rebuild;

    public RegistryKnowledgeResource(RegistryKnowledgeRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Rebuild what this service knows of tenants, components and grants from registry-events (platform-admin)")
    @APIResponse(responseCode = "200")
    public Uni<ReadModelResource.RebuildResult> rebuild() {
        return rebuild.rebuild().map(ReadModelResource.RebuildResult::new);
    }
}
