package io.modulardata.deployment.deploy;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.modulardata.deployment.rollout.RolloutRefusedException;
import io.modulardata.deployment.tenancy.DeployRefusedException;
import io.modulardata.kit.problem.Problem;

/** problem+json for this service's own refusals (the shared ones come from service-kit's ProblemMappers). */
public class DeploymentProblems {

    @ServerExceptionMapper
    public Response deployRefused(DeployRefusedException e) {
        var r = e.refusal();
        Problem problem = r.field() == null ? Problem.of(r.status(), r.type(), "Deployment refused", r.detail())
                : Problem.withField(r.status(), r.type(), "Deployment refused", r.detail(), r.field());
        return Response.status(r.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response rolloutRefused(RolloutRefusedException e) {
        return Response.status(409).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(409, "conflict", "Conflict", e.getMessage())).build();
    }
}
