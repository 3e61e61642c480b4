package io.modulardata.kit.web;

import io.modulardata.kit.command.CommandContexts;

import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.modulardata.kit.problem.InvalidRequestException;

/**
 * Every request has a correlation id: the caller's {@code X-Correlation-Id} or a new one. It is stamped
 * on every event the request causes and echoed in the response, so one request can be traced through
 * Kafka and the audit log.
 */
public class CorrelationIdFilter {

    public static final String HEADER = "X-Correlation-Id";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final CommandContexts contexts;

    public CorrelationIdFilter(CommandContexts contexts) {
        this.contexts = contexts;
    }

    @ServerRequestFilter
    public void assignCorrelationId(ContainerRequestContext request) {
        String given = request.getHeaderString(HEADER);
        if (given != null) {
            if (!VALID.matcher(given).matches()) {
                throw new InvalidRequestException(HEADER, "must be 1 to 128 characters of letters, digits and . _ : -");
            }
            contexts.correlationId(given);
        }
    }

    @ServerResponseFilter
    public void echoCorrelationId(ContainerResponseContext response) {
        response.getHeaders().putSingle(HEADER, contexts.correlationId());
    }
}
