package io.modulardata.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Raw HTTP calls to a running service: any method, any bytes as body, any headers, so a test can send
 * what no well-behaved client would. Large bodies go over a plain socket (see {@link OversizedRequest}):
 * a server may answer 413 and close before reading them, which java.net.http does not survive reliably.
 */
final class HttpCalls {

    static final String JSON = "application/json";
    private static final int RAW_SOCKET_ABOVE = 64 * 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private final int port;
    private final String baseUrl;

    HttpCalls(int port) {
        this.port = port;
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    /** One answer, with what a test needs to judge it. */
    record Answer(int status, String contentType, String body) {

        boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length() > 600 ? body.substring(0, 600) + "..." : body);
        }
    }

    /** A request under construction; {@link #send()} sends it. */
    final class Call {
        private final String method;
        private final String rawPath;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body;

        private Call(String method, String rawPath) {
            this.method = method;
            this.rawPath = rawPath;
        }

        Call bearer(String token) {
            return token == null ? this : header("Authorization", "Bearer " + token);
        }

        Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Call json(String json) {
            return json == null ? this : body(json.getBytes(StandardCharsets.UTF_8), JSON);
        }

        Call body(byte[] bytes, String contentType) {
            this.body = bytes;
            if (contentType != null) {
                headers.put("Content-Type", contentType);
            }
            return this;
        }

        Answer send() throws IOException, InterruptedException {
            if (body != null && body.length > RAW_SOCKET_ABOVE) {
                return OversizedRequest.send(port, method, rawPath, headers, body);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + rawPath)).timeout(Duration.ofSeconds(60))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(request::header);
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        }
    }

    /** {@code rawPath} goes on the wire as given: percent-encode anything that must be encoded yourself. */
    Call call(String method, String rawPath) {
        return new Call(method, rawPath);
    }

    Answer get(String rawPath, String token) throws IOException, InterruptedException {
        return call("GET", rawPath).bearer(token).send();
    }

    Answer send(String method, String rawPath, String token, String json) throws IOException, InterruptedException {
        return call(method, rawPath).bearer(token).json(json).send();
    }
}
