package io.modulardata.kit.problem;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** Collects every field error of a request, so the caller learns all of them at once. */
public final class FieldErrors {

    private final List<FieldError> errors = new ArrayList<>();

    public FieldErrors required(String field, Object value) {
        if (value == null) {
            add(field, "is required");
        }
        return this;
    }

    /** A required string: present, not blank, at most {@code maxLength} characters, storable, matching {@code pattern}. */
    public FieldErrors text(String field, String value, int maxLength, Pattern pattern, String patternHint) {
        if (value == null) {
            add(field, "is required");
        } else if (value.isBlank()) {
            add(field, "must not be blank");
        } else if (value.length() > maxLength) {
            add(field, "must be at most " + maxLength + " characters");
        } else if (!StorableText.isStorable(value)) {
            add(field, StorableText.PROBLEM);
        } else if (pattern != null && !pattern.matcher(value).matches()) {
            add(field, "must be " + patternHint);
        }
        return this;
    }

    public FieldErrors positive(String field, Number value, boolean required) {
        if (value == null) {
            if (required) {
                add(field, "is required");
            }
        } else if (value.doubleValue() <= 0) {
            add(field, "must be greater than 0");
        }
        return this;
    }

    public FieldErrors nonEmpty(String field, Collection<?> values, int maxSize) {
        if (values == null || values.isEmpty()) {
            add(field, "must contain at least one value");
        } else if (values.size() > maxSize) {
            add(field, "must contain at most " + maxSize + " values");
        }
        return this;
    }

    public FieldErrors add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws {@link InvalidRequestException} when any error was found. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }
}
