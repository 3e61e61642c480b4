package io.modulardata.audit.verify;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.modulardata.audit.Worker;
import io.modulardata.audit.chain.VerifyResult;
import io.modulardata.audit.checkpoint.Checkpoint;
import io.modulardata.audit.query.EventQuery;
import io.modulardata.kit.problem.FieldError;
import io.modulardata.kit.problem.InvalidRequestException;
import io.modulardata.kit.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR})
public class VerifyResource {

    private final ChainVerification verification;

    public VerifyResource(ChainVerification verification) {
        this.verification = verification;
    }

    /**
     * Recomputes the chain and checks the checkpoints in it, over sequence numbers {@code from..to}
     * (inclusive) or over the entries whose occurredAt lies in [from, to) (ISO-8601); both optional.
     */
    @GET
    @Path("/verify")
    public Uni<VerifyResult> verify(@QueryParam("from") String from, @QueryParam("to") String to) {
        VerifyRange range = VerifyRange.parse(from, to);
        return Worker.run(() -> range.byTime() ? verification.verifyPeriod(range.from(), range.to())
                : verification.verify(range.firstSequence(), range.lastSequence()));
    }

    /** The latest signed checkpoints, newest first, to check offline with {@code GET /audit/public-key}. */
    @GET
    @Path("/checkpoints")
    public Uni<List<Checkpoint>> checkpoints(@QueryParam("limit") String limit) {
        List<FieldError> errors = new ArrayList<>();
        int size = EventQuery.limit(limit, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return Worker.run(() -> verification.latestCheckpoints(size));
    }
}
