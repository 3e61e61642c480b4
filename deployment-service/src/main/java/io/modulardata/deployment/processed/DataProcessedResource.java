package io.modulardata.deployment.processed;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.modulardata.deployment.deploy.PathIds;
import io.modulardata.identity.Roles;
import io.modulardata.kit.command.CommandContexts;
import io.modulardata.kit.openapi.ProblemResponses;
import io.modulardata.kit.problem.ApiProblemException;
import io.modulardata.kit.security.TenantAccess;
import io.smallrye.mutiny.Uni;

/** Where a running component reports the data it processed (the original platform's data_processed_gb). */
@Path("/deployments/{deploymentId}/data-processed")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
public class DataProcessedResource {

    private final DataProcessedReports reports;
    private final TenantAccess access;
    private final CommandContexts contexts;

    public DataProcessedResource(DataProcessedReports reports, TenantAccess access, CommandContexts contexts) {
        this.reports = reports;
        this.access = access;
        this.contexts = contexts;
    }

    @POST
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(summary = "Report gigabytes a deployment's component processed since its previous report")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "410", ref = ProblemResponses.GONE)
    public Uni<DataProcessed> report(@PathParam("deploymentId") String deploymentId, DataProcessedReport report) {
        String id = PathIds.deploymentId(deploymentId);
        double processedGb = DataProcessedReport.validGb(report);
        return reports.find(id).chain(found -> {
            // Another tenant's deployment answers 404, like an unknown one.
            var deployment = found.filter(d -> access.canRead(d.tenantId()))
                    .orElseThrow(() -> ApiProblemException.notFound("Deployment", id));
            return reports.report(deployment, processedGb, contexts.current());
        });
    }
}
