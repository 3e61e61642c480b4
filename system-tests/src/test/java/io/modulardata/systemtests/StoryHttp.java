package io.modulardata.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.modulardata.fixtures.ApiRequest;

/**
 * HTTP calls of a system test, each with a correlation id of its own ({@code prefix-n}), so every event
 * the platform records can be traced back to the call that caused it. Remembers every id it sent.
 */
final class StoryHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String prefix;
    private final AtomicInteger counter = new AtomicInteger();
    private final Set<String> correlationIds = new LinkedHashSet<>();

    StoryHttp(String prefix) {
        this.prefix = prefix;
    }

    /** A call answered with its status, body and the correlation id it carried. */
    record Answer(int status, String body, String correlationId, String echoedCorrelationId, String contentType) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + body, e);
            }
        }

        Answer expect(int expected) {
            assertThat(status).as("HTTP status of %s, body %s", correlationId, body).isEqualTo(expected);
            return this;
        }

        /** A refusal: problem+json naming {@code field}. */
        Answer expectProblem(int expected, String field) {
            expect(expected);
            assertThat(contentType).as(body).startsWith("application/problem+json");
            assertThat(json().path("field").asText()).as(body).isEqualTo(field);
            return this;
        }
    }

    Answer get(String url, String token) {
        return send("GET", url, token, null, "application/json");
    }

    Answer send(String method, String url, String token, String json) {
        return send(method, url, token, json, "application/json");
    }

    Answer send(String method, String url, String token, String json, String accept) {
        String correlationId = prefix + "-" + counter.incrementAndGet();
        HttpRequest request = ApiRequest.builder(method, url, token, json, correlationId).header("Accept", accept).build();
        synchronized (correlationIds) {
            correlationIds.add(correlationId);
        }
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), correlationId,
                    response.headers().firstValue("X-Correlation-Id").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new AssertionError(method + " " + url + " got no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every item of a paged listing ({@code items}, {@code nextCursor}), following the cursor to the end. */
    List<JsonNode> allPages(String url, String token) {
        List<JsonNode> items = new ArrayList<>();
        String next = url;
        while (next != null) {
            JsonNode page = get(next, token).expect(200).json();
            page.path("items").forEach(items::add);
            JsonNode cursor = page.path("nextCursor");
            next = cursor.isTextual()
                    ? url + (url.contains("?") ? "&" : "?") + "cursor=" + URLEncoder.encode(cursor.asText(), StandardCharsets.UTF_8)
                    : null;
        }
        return items;
    }

    Set<String> correlationIds() {
        synchronized (correlationIds) {
            return Set.copyOf(correlationIds);
        }
    }
}
