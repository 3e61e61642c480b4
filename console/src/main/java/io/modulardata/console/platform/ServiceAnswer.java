package io.modulardata.console.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What a service answered: its status and body, with the problem's words when it refused. */
public record ServiceAnswer(String service, int status, String contentType, byte[] body, String contentDisposition) {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /** No answer at all (connection refused, timeout): shown like a 503. */
    static ServiceAnswer unreachable(String service, String reason) {
        String problem = "{\"title\":\"Service unavailable\",\"status\":503,\"detail\":\"" + service
                + " did not answer" + (reason == null ? "" : ": " + reason.replace("\"", "'")) + "\"}";
        return new ServiceAnswer(service, 503, "application/problem+json", problem.getBytes(StandardCharsets.UTF_8), null);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON from " + service, e);
        }
    }

    /** A sentence for the page: the problem's detail (and the field it names) or the status. */
    public String message() {
        if (ok()) {
            return "";
        }
        try {
            JsonNode problem = JSON.readTree(body);
            String detail = problem.path("detail").asText(problem.path("title").asText(""));
            String field = problem.path("field").asText("");
            return service + " answered " + status + (detail.isBlank() ? "" : ": " + detail)
                    + (field.isBlank() ? "" : " (" + field + ")");
        } catch (IOException | RuntimeException e) {
            return service + " answered " + status;
        }
    }
}
