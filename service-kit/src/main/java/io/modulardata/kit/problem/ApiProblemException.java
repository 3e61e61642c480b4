package io.modulardata.kit.problem;

/** A failure with a known HTTP meaning, answered as problem+json. */
public class ApiProblemException extends RuntimeException {

    private final transient Problem problem;

    public ApiProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ApiProblemException notFound(String what, String id) {
        return new ApiProblemException(Problem.of(404, "not-found", "Not found", what + " '" + id + "' does not exist"));
    }

    public static ApiProblemException conflict(String detail) {
        return new ApiProblemException(Problem.of(409, "conflict", "Conflict", detail));
    }

    /** A conflict caused by one request field's value, e.g. a value another aggregate already holds. */
    public static ApiProblemException conflict(String field, String detail) {
        return new ApiProblemException(Problem.withField(409, "conflict", "Conflict", detail, field));
    }

    public static ApiProblemException unprocessable(String field, String detail) {
        return new ApiProblemException(Problem.withField(422, "unprocessable", "Unprocessable request", detail, field));
    }

    /** 410 for a command of a tenant that was offboarded: every service answers it alike. */
    public static ApiProblemException tenantOffboarded(String tenantId) {
        return new ApiProblemException(Problem.of(410, "tenant-offboarded", "Tenant offboarded",
                "Tenant '" + tenantId + "' was offboarded: it takes no more commands"));
    }

    public static ApiProblemException forbidden(String detail) {
        return new ApiProblemException(Problem.of(403, "forbidden", "Forbidden", detail));
    }
}
