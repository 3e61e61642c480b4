package io.modulardata.deployment.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.modulardata.deployment.tenancy.RegistryKnowledgeRebuild;
import io.modulardata.kit.projection.ReadModelResource;
import io.modulardata.kit.security.Roles;
import io.smallrye.mutiny.Uni;

/** Operator tool: rebuild what this service knows of tenants, components and grants from registry-events. */
@Path("/admin/registry-knowledge/rebuild")
@Produces(MediaType.APPLICATION_JSON)
public class RegistryKnowledgeResource {

    private final RegistryKnowledgeRebuild rebuild;

    public RegistryKnowledgeResource(RegistryKnowledgeRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    public Uni<ReadModelResource.RebuildResult> rebuild() {
        return rebuild.rebuild().map(ReadModelResource.RebuildResult::new);
    }
}
