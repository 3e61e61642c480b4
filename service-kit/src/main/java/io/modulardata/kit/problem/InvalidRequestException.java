package io.modulardata.kit.problem;

import java.util.List;

/** Thrown by validators: the request is malformed in the listed fields (answered as 400). */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        super(errors.toString(), null, false, false);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("An invalid request needs at least one field error");
        }
        this.errors = List.copyOf(errors);
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
