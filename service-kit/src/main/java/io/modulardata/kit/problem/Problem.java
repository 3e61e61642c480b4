package io.modulardata.kit.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail. {@code field} names the first offending request field, {@code errors}
 * lists every one found. Never carries stack traces or class names.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String field, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://modulardata.io/problems/";

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null, List.of());
    }

    public static Problem withField(int status, String slug, String title, String detail, String field) {
        return new Problem(TYPE_BASE + slug, title, status, detail, field, List.of(new FieldError(field, detail)));
    }

    public static Problem invalidFields(List<FieldError> errors) {
        FieldError first = errors.get(0);
        String detail = errors.size() == 1 ? first.field() + ": " + first.message()
                : first.field() + ": " + first.message() + " (and " + (errors.size() - 1) + " more)";
        return new Problem(TYPE_BASE + "invalid-request", "Invalid request", 400, detail, first.field(), errors);
    }
}
