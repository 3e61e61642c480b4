package io.modulardata.deployment.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.modulardata.kit.projection.ReadModels;
import io.modulardata.kit.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Operator tool: rebuild the deployment read models (deployments, their phases, and with them the tenant
 * metrics, which are computed from the deployments) from this service's own event log.
 *
 * <p>The knowledge of tenants, component versions and grants is not in this log: it is projected from
 * registry-events, each event applied once by its eventId ({@code registry_event_processed}), and is
 * left alone here. See the README (deployment-service, "Read models") for re-consuming it from scratch.
 */
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
        // A SHARE lock lets commands already writing finish first and makes new ones (REST calls, the
        // rollout executor) wait until the rebuilt model is committed, so none of their events is lost
        // between the replay and the commit. ReadModels.rebuild joins this transaction.
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("lock table event_store in share mode").executeUpdate())
                .chain(() -> readModels.rebuild()))
                .map(RebuildResult::new);
    }

    public record RebuildResult(long eventsReplayed) {
    }
}
