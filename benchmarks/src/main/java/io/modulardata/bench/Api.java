package io.modulardata.bench;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.modulardata.fixtures.ApiRequest;

/** HTTP calls to one service with a bearer token; asynchronous so a load generator never waits on a reply. */
final class Api implements AutoCloseable {

    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(executor).build();
    private final String baseUrl;

    Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    CompletableFuture<HttpResponse<String>> send(String method, String path, String token, String json, String correlationId) {
        return client.sendAsync(ApiRequest.builder(method, baseUrl + path, token, json, correlationId).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    /** Blocks; throws when the answer is not 2xx, because set-up steps must not fail silently. */
    String call(String method, String path, String token, String json) {
        HttpResponse<String> response = send(method, path, token, json, null).join();
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
