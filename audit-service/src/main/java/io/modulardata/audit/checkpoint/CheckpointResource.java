package io.modulardata.audit.checkpoint;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.modulardata.audit.Worker;
import io.modulardata.audit.chain.VerifyResult;
import io.modulardata.audit.query.EventQuery;
import io.modulardata.audit.verify.ChainVerification;
import io.modulardata.audit.verify.VerificationPool;
import io.modulardata.identity.Roles;
import io.modulardata.kit.openapi.ProblemResponses;
import io.modulardata.kit.problem.ApiProblemException;
import io.modulardata.kit.problem.FieldError;
import io.modulardata.kit.problem.InvalidRequestException;
import io.modulardata.kit.problem.Problem;
import io.modulardata.kit.web.RequestBodies;
import io.smallrye.mutiny.Uni;

/** The signed checkpoints: the latest ones, one exported to keep elsewhere, and an exported one checked against the live log. */
@Path("/audit/checkpoints")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR})
@APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
public class CheckpointResource {

    private final Checkpoints checkpoints;
    private final SigningKey key;
    private final ChainVerification verification;
    private final VerificationPool pool;

    public CheckpointResource(Checkpoints checkpoints, SigningKey key, ChainVerification verification, VerificationPool pool) {
        this.checkpoints = checkpoints;
        this.key = key;
        this.verification = verification;
        this.pool = pool;
    }

    /** The latest signed checkpoints, newest first, to check offline with {@code GET /audit/public-key}. */
    @GET
    @Operation(summary = "List the latest signed checkpoints, newest first")
    @APIResponse(responseCode = "200")
    public Uni<List<Checkpoint>> latest(@QueryParam("limit") String limit) {
        List<FieldError> errors = new ArrayList<>();
        int size = EventQuery.limit(limit, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return Worker.run(() -> checkpoints.latest(size));
    }

    /** The latest signed checkpoint as an operator keeps it elsewhere, to hand back to {@link #verify} later. */
    @GET
    @Path("/latest")
    @Operation(summary = "Export the latest signed checkpoint, to keep elsewhere and verify later")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Uni<ExportedCheckpoint> export() {
        return Worker.run(() -> checkpoints.latest(1).stream().findFirst()
                .map(checkpoint -> ExportedCheckpoint.of(checkpoint, key))
                .orElseThrow(() -> new ApiProblemException(Problem.of(404, "not-found", "Not found",
                        "No checkpoint has been signed yet"))));
    }

    /**
     * Checks an exported checkpoint against the live log: {@code valid} when the chain up to its entry still verifies,
     * hashes to its head and holds it; else where and why the log differs. 422 when it was not signed by this service.
     */
    @POST
    @Path("/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify an exported checkpoint against the live log")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    public Uni<VerifyResult> verify(ExportedCheckpoint exported) {
        Checkpoint checkpoint = RequestBodies.require(exported).verifiedWith(key);
        return pool.run(() -> verification.verifyAgainst(checkpoint));
    }
}
