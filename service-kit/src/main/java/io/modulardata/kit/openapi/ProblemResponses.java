package io.modulardata.kit.openapi;

/**
 * The names of the problem+json responses every service's OpenAPI document defines once (see
 * {@link ProblemContractFilter}). An operation lists what it can answer by reference:
 * {@code @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)}. An operation with any
 * {@code @APIResponse} (its class's too) also names its success code, {@code @APIResponse(responseCode = "200")}:
 * SmallRye OpenAPI only generates the success response (with the returned type's schema) into a code
 * that is listed, or when nothing is.
 */
public final class ProblemResponses {

    /** 400: a field is missing or malformed (the body names it in {@code field} and {@code errors[]}). */
    public static final String BAD_REQUEST = "BadRequest";
    /** 401: no bearer token, or one that does not verify. */
    public static final String UNAUTHORIZED = "Unauthorized";
    /** 403: the token's role may not do this. */
    public static final String FORBIDDEN = "Forbidden";
    /** 404: unknown, or another tenant's (the same answer, so a caller cannot learn what exists). */
    public static final String NOT_FOUND = "NotFound";
    /** 409: conflicts with what exists or with a concurrent change. */
    public static final String CONFLICT = "Conflict";
    /** 410: the tenant or the data left for good (tenant-offboarded, key-shredded); a retry never helps. */
    public static final String GONE = "Gone";
    /** 422: well-formed, but a rule on the current state refuses it. */
    public static final String UNPROCESSABLE = "UnprocessableContent";
    /** 503: a server the request needs (PostgreSQL) is unavailable; nothing was changed, retry after Retry-After. */
    public static final String SERVICE_UNAVAILABLE = "ServiceUnavailable";

    private ProblemResponses() {
    }
}
