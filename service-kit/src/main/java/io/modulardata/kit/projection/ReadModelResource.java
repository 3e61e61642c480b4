package io.modulardata.kit.projection;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.modulardata.identity.Roles;
import io.modulardata.kit.openapi.ProblemResponses;
import io.quarkus.resteasy.reactive.server.EndpointDisabled;
import io.smallrye.mutiny.Uni;

/**
 * Operator tool, the same in every event-sourced service: rebuild the read models from the service's
 * own event log (after a projection fix, for instance). What a service keeps outside its log (key
 * material, knowledge projected from other services' topics) is not a read model and stays. A service
 * without an event log (audit-service) switches it off with {@code modulardata.read-models.endpoint.enabled=false}.
 */
@EndpointDisabled(name = "modulardata.read-models.endpoint.enabled", stringValue = "false")
@Path("/admin/read-models/rebuild")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
public class ReadModelResource {

    private final ReadModels readModels;

    public ReadModelResource(ReadModels readModels) {
        this.readModels = readModels;
    }

    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Rebuild the service's read models from its own event log (platform-admin)")
    @APIResponse(responseCode = "200")
    public Uni<RebuildResult> rebuild() {
        return readModels.rebuild().map(RebuildResult::new);
    }

    public record RebuildResult(long eventsReplayed) {
    }
}
