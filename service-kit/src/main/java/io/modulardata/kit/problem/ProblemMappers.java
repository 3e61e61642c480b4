package io.modulardata.kit.problem;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.modulardata.kit.eventstore.ConcurrencyConflictException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Turns every failure into an application/problem+json answer that names the field and leaks no internals. */
public class ProblemMappers {

    private static final String RETRY_AFTER_SECONDS = "2";

    @ServerExceptionMapper
    public Response apiProblem(ApiProblemException e) {
        return respond(e.problem());
    }

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e) {
        return respond(Problem.invalidFields(e.errors()));
    }

    @ServerExceptionMapper
    public Response concurrencyConflict(ConcurrencyConflictException e) {
        return respond(Problem.of(409, "concurrent-modification", "Concurrent modification",
                "The resource was changed by another request at the same time; read it again and retry"));
    }

    /** More specific than Quarkus' built-in mapper for this type, which answers plain JSON. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = fieldPath(mapping.getPath());
            return respond(Problem.invalidFields(List.of(new FieldError(field, describe(e)))));
        }
        if (e instanceof InputCoercionException coercion && coercion.getProcessor() != null) {
            String field = fieldPath(coercion.getProcessor().getParsingContext());
            if (!field.isEmpty()) {
                return respond(Problem.invalidFields(List.of(new FieldError(field, "is out of range for its type"))));
            }
        }
        return respond(Problem.of(400, "malformed-json", "Malformed JSON",
                "The request body is not valid JSON" + location(e)));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return respond(Problem.of(401, "unauthorized", "Unauthorized", "A valid bearer token is required"));
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return respond(Problem.of(401, "unauthorized", "Unauthorized", "A valid bearer token is required"));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Problem.of(403, "forbidden", "Forbidden", "Your role does not allow this operation"));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        // Quarkus REST wraps what Jackson's parser refuses (a number too large for its field) in a 400.
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json);
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        if (status >= 500) {
            return unexpected(e);
        }
        return respond(Problem.of(status, title.toLowerCase().replace(' ', '-'), title, title));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (BackendUnavailable.isCause(e)) {
            return backendUnavailable(e);
        }
        // The caller gets a reference to quote; the details stay in the log.
        String reference = UUID.randomUUID().toString();
        Log.errorf(e, "Unexpected failure, reference %s", reference);
        return respond(Problem.of(500, "internal-error", "Internal error",
                "The request could not be completed; quote reference " + reference + " when reporting it"));
    }

    /** PostgreSQL down or restarting: nothing was written, and the same request may succeed a moment later. */
    private static Response backendUnavailable(Throwable e) {
        Log.warnf("Request refused, a server it needs is unavailable: %s", e.toString());
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", RETRY_AFTER_SECONDS)
                .entity(Problem.of(503, "service-unavailable", "Service unavailable",
                        "A server this request needs (the database) is unavailable right now; nothing was changed. Retry shortly"))
                .build();
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                field.append(field.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    /** The path of the value a parser stopped at ({@code container.minReplicas}), from its parsing context. */
    static String fieldPath(JsonStreamContext context) {
        Deque<String> steps = new ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray()) {
                steps.push("[" + at.getCurrentIndex() + "]");
            } else if (at.getCurrentName() != null) {
                steps.push(at.getCurrentName());
            }
        }
        StringBuilder field = new StringBuilder();
        for (String step : steps) {
            field.append(field.length() == 0 || step.startsWith("[") ? "" : ".").append(step);
        }
        return field.toString();
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null && invalid.getTargetType().isEnum()) {
            String allowed = Arrays.stream(invalid.getTargetType().getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
            return "has an unknown value '" + invalid.getValue() + "'; allowed: " + allowed;
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return "must be " + typeName(mismatched.getTargetType());
        }
        return "has an invalid value";
    }

    private static String typeName(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type) || java.util.Set.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
