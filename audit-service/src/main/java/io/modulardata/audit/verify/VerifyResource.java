package io.modulardata.audit.verify;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.modulardata.audit.chain.VerifyResult;
import io.modulardata.identity.Roles;
import io.modulardata.kit.openapi.ProblemResponses;
import io.smallrye.mutiny.Uni;

@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR})
@APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
public class VerifyResource {

    private final ChainVerification verification;
    private final VerificationPool pool;

    public VerifyResource(ChainVerification verification, VerificationPool pool) {
        this.verification = verification;
        this.pool = pool;
    }

    /**
     * Recomputes the chain and checks the checkpoints in it, over sequence numbers {@code from..to}
     * (inclusive) or over the entries whose occurredAt lies in [from, to) (ISO-8601); both optional.
     */
    @GET
    @Path("/verify")
    @Operation(summary = "Verify the hash chain and its checkpoints over a range of sequence numbers or a period")
    @APIResponse(responseCode = "200")
    public Uni<VerifyResult> verify(@QueryParam("from") String from, @QueryParam("to") String to) {
        VerifyRange range = VerifyRange.parse(from, to);
        return pool.run(() -> range.byTime() ? verification.verifyPeriod(range.from(), range.to())
                : verification.verify(range.firstSequence(), range.lastSequence()));
    }
}
