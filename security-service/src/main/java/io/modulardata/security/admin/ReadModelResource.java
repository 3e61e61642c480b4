package io.modulardata.security.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.modulardata.kit.projection.ReadModels;
import io.modulardata.kit.security.Roles;
import io.smallrye.mutiny.Uni;

/** Operator tool: rebuild the read models from the event log (key material is not a read model and stays). */
@Path("/admin/read-models/rebuild")
@Produces(MediaType.APPLICATION_JSON)
public class ReadModelResource {

    private final ReadModels readModels;

    public ReadModelResource(ReadModels readModels) {
        this.readModels = readModels;
    }

    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    public Uni<RebuildResult> rebuild() {
        return readModels.rebuild().map(RebuildResult::new);
    }

    public record RebuildResult(long eventsReplayed) {
    }
}
