package io.modulardata.deployment.deploy;

import io.modulardata.kit.problem.FieldErrors;
import io.modulardata.kit.problem.StorableText;

/** Optional body of a rollback: why. */
public record RollbackRequest(String reason) {

    static final int MAX_REASON_LENGTH = 1000;

    /** The reason, or null when none was given; an over-long one is a 400 on {@code reason}. */
    static String validReason(RollbackRequest request) {
        if (request == null || request.reason() == null) {
            return null;
        }
        if (request.reason().length() > MAX_REASON_LENGTH) {
            new FieldErrors().add("reason", "must be at most " + MAX_REASON_LENGTH + " characters").throwIfAny();
        }
        if (!StorableText.isStorable(request.reason())) {
            new FieldErrors().add("reason", StorableText.PROBLEM).throwIfAny();
        }
        return request.reason();
    }
}
