package io.modulardata.console.catalog;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.modulardata.console.signin.Viewer;
import io.modulardata.identity.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The catalog: components, their versions and lifecycle, and which tenants hold grants. */
@Path("/catalog")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN, Roles.TENANT_USER})
public class CatalogResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance catalog(List<Component> components);

        static native TemplateInstance components(List<Component> components);
    }

    private final Viewer viewer;
    private final CatalogView catalog;

    public CatalogResource(Viewer viewer, CatalogView catalog) {
        this.viewer = viewer;
        this.catalog = catalog;
    }

    @GET
    @Operation(summary = "Catalogue page: component versions and their status")
    public TemplateInstance catalog() {
        return Templates.catalog(catalog.list(viewer.scope()));
    }

    @GET
    @Path("components")
    @Operation(summary = "Catalogue table fragment (htmx refresh)")
    public TemplateInstance components() {
        return Templates.components(catalog.list(viewer.scope()));
    }
}
