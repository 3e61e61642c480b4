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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import io.modulardata.identity.Roles;
import io.modulardata.kit.command.CommandContexts;
import io.modulardata.kit.openapi.ProblemResponses;
import io.modulardata.kit.web.Created;
import io.modulardata.kit.web.RequestBodies;
import io.smallrye.mutiny.Uni;

/** The component catalogue. Operators manage it; tenants find their components through discovery. */
@Path("/components")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
public class ComponentResource {

    private final ComponentService components;
    private final CommandContexts contexts;

    public ComponentResource(ComponentService components, CommandContexts contexts) {
        this.components = components;
        this.contexts = contexts;
    }

    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Register a component version in the catalogue (platform-admin)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    public Uni<RestResponse<ComponentView>> register(ComponentRequest request) {
        return components.register(RequestBodies.require(request), contexts.current())
                .map(view -> Created.at("/components/" + view.componentId() + "/versions/" + view.componentVersion(), view));
    }

    @GET
    @Path("/{componentId}/versions")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR})
    @Operation(summary = "List every version of a component")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Uni<List<ComponentView>> versions(@PathParam("componentId") String componentId) {
        return components.versions(componentId);
    }

    @GET
    @Path("/{componentId}/versions/{version}")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR})
    @Operation(summary = "Get one component version")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Uni<ComponentView> version(@PathParam("componentId") String componentId, @PathParam("version") String version) {
        return components.version(componentId, version);
    }

    @PUT
    @Path("/{componentId}/versions/{version}/status")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Move a component version through its lifecycle: ACTIVE, DEPRECATED, SUNSET, ARCHIVED (platform-admin)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public Uni<ComponentView> changeStatus(@PathParam("componentId") String componentId, @PathParam("version") String version,
            StatusRequest request) {
        return components.changeStatus(componentId, version, RequestBodies.require(request), contexts.current());
    }
}
