package io.modulardata.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.modulardata.systemtests.Endpoint.Service;

/** The operations a running service serves, as its OpenAPI document ({@code /q/openapi}) lists them. */
final class OpenApiOperations {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private OpenApiOperations() {
    }

    /**
     * Each operation as {@link DocumentedEndpoints#key}. The document is read from the service's HTTP port,
     * or, where a service serves it on a port of its own (a management interface), from the other ports
     * {@code up} printed for that service.
     */
    static Set<String> of(Service service, HttpCalls api, PlatformProcess platform) throws Exception {
        List<HttpCalls> candidates = new ArrayList<>(List.of(api));
        String prefix = service.portVariable.substring(0, service.portVariable.length() - "PORT".length());
        platform.environment().forEach((name, value) -> {
            if (name.startsWith(prefix) && name.endsWith("PORT") && !name.equals(service.portVariable) && value.matches("\\d+")) {
                candidates.add(new HttpCalls(Integer.parseInt(value)));
            }
        });
        List<String> tried = new ArrayList<>();
        for (HttpCalls calls : candidates) {
            HttpCalls.Answer answer = calls.call("GET", "/q/openapi?format=json").header("Accept", "application/json").send();
            if (answer.status() == 200) {
                return operations(service, JSON.readTree(answer.body()));
            }
            tried.add(answer.toString());
        }
        assertThat(tried).as("%s serves /q/openapi on one of its ports", service).isEmpty();
        return Set.of();
    }

    private static Set<String> operations(Service service, JsonNode document) {
        Set<String> operations = new LinkedHashSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (METHODS.contains(method)) {
                operations.add(DocumentedEndpoints.key(service, method.toUpperCase(Locale.ROOT), path.getKey()));
            }
        }));
        return operations;
    }
}
