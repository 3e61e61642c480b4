package io.modulardata.kit.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.modulardata.kit.problem.FieldError;
import io.modulardata.kit.problem.InvalidRequestException;
import io.modulardata.kit.problem.StorableText;

/**
 * A path or query value with NUL (%00) would reach PostgreSQL as a lookup key and fail the request with a
 * 500; no id, name or filter of the platform can hold one, so it is a 400 naming the parameter.
 */
public class StorableParameterFilter {

    @ServerRequestFilter
    public void refuseUnstorableParameters(ContainerRequestContext request) {
        List<FieldError> errors = new ArrayList<>();
        check(request.getUriInfo().getPathParameters(), errors);
        check(request.getUriInfo().getQueryParameters(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    private static void check(MultivaluedMap<String, String> parameters, List<FieldError> errors) {
        parameters.forEach((name, values) -> {
            if (values.stream().anyMatch(value -> value != null && !StorableText.isStorable(value))) {
                errors.add(new FieldError(name, StorableText.PROBLEM));
            }
        });
    }
}
