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

    /** Recomputes the chain over sequence numbers {@code from..to} (inclusive, both optional) and checks the checkpoints in it. */
    @GET
    @Path("/verify")
    public Uni<VerifyResult> verify(@QueryParam("from") String from, @QueryParam("to") String to) {
        List<FieldError> errors = new ArrayList<>();
        Long first = sequence("from", from, errors);
        Long last = sequence("to", to, errors);
        if (first != null && last != null && first > last) {
            errors.add(new FieldError("from", "must not be greater than to"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return Worker.run(() -> verification.verify(first, last));
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

    private static Long sequence(String field, String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(field, "must be a sequence number (a positive integer)"));
        return null;
    }
}
