package io.modulardata.registry.component;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.modulardata.kit.command.CommandContexts;
import io.modulardata.kit.web.Created;
import io.modulardata.kit.web.RequestBodies;
import io.modulardata.kit.security.Roles;
import io.smallrye.mutiny.Uni;

/** The component catalogue. Operators manage it; tenants find their components through discovery. */
@Path("/components")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ComponentResource {

    private final ComponentService components;
    private final CommandContexts contexts;

    public ComponentResource(ComponentService components, CommandContexts contexts) {
        this.components = components;
        this.contexts = contexts;
    }

    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    public Uni<RestResponse<ComponentView>> register(ComponentRequest request) {
        return components.register(RequestBodies.require(request), contexts.current())
                .map(view -> Created.at("/components/" + view.componentId() + "/versions/" + view.componentVersion(), view));
    }

    @GET
    @Path("/{componentId}/versions")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR})
    public Uni<List<ComponentView>> versions(@PathParam("componentId") String componentId) {
        return components.versions(componentId);
    }

    @GET
    @Path("/{componentId}/versions/{version}")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR})
    public Uni<ComponentView> version(@PathParam("componentId") String componentId, @PathParam("version") String version) {
        return components.version(componentId, version);
    }

    @PUT
    @Path("/{componentId}/versions/{version}/status")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    public Uni<ComponentView> changeStatus(@PathParam("componentId") String componentId, @PathParam("version") String version,
            StatusRequest request) {
        return components.changeStatus(componentId, version, RequestBodies.require(request), contexts.current());
    }
}
