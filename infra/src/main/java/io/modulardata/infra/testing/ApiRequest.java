package io.modulardata.infra.testing;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * The request that system tests and benchmarks send to a service: a bearer token, a JSON body when there
 * is one, and the caller's correlation id when it chose one. One place, so both speak to the services alike.
 */
public final class ApiRequest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ApiRequest() {
    }

    /**
     * {@code json} and {@code correlationId} may be null: no body, and the service makes an id of its own.
     * A builder, so that a caller can add a header of its own (e.g. {@code Accept}).
     */
    public static HttpRequest.Builder builder(String method, String url, String token, String json, String correlationId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (correlationId != null) {
            request.header("X-Correlation-Id", correlationId);
        }
        return request;
    }
}
