package io.modulardata.systemtests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One endpoint of a platform service, with a sample call the battery varies: the sample path values
 * ({@code {tenantId}} and the like), query and body, and what the sample itself answers. Placeholders
 * {@code @name@} in the body and query stand for seeded values (an encrypted payload, a deployment id).
 */
final class Endpoint {

    enum Service {
        REGISTRY("MDP_REGISTRY_SERVICE_PORT"),
        DEPLOYMENT("MDP_DEPLOYMENT_SERVICE_PORT"),
        SECURITY("MDP_SECURITY_SERVICE_PORT"),
        AUDIT("MDP_AUDIT_SERVICE_PORT");

        final String portVariable;

        Service(String portVariable) {
            this.portVariable = portVariable;
        }
    }

    final Service service;
    final String method;
    final String template;
    final Map<String, String> query = new LinkedHashMap<>();
    final List<QueryParam> queryParams = new ArrayList<>();
    final List<BodyField> fields = new ArrayList<>();
    /** Bodies that are well-formed but ask for what the platform refuses (root on the node, an image nobody declared). */
    final List<Refused> refused = new ArrayList<>();
    final List<Forgery> forgeries = new ArrayList<>();
    String body;
    boolean bodyOptional;
    /** A refused decryption or key is recorded as a security event with success=false (security-service/README.md). */
    boolean recordsRefusals;
    /** Statuses the sample call answers without changing anything; null when the sample would change state. */
    Set<Integer> sampleAnswers;
    /** Whether the endpoint reaches one tenant's data (path, or tenantId in the sample query or body). */
    boolean tenantData;

    /**
     * A well-formed body that still must be refused, for what only this endpoint can know (a signature that does
     * not verify): the sample with {@code path} set to raw JSON {@code rawValue}, refused with {@code status}
     * naming {@code field}.
     */
    record Forgery(String name, String path, String rawValue, int status, String field) {
    }

    private Endpoint(Service service, String method, String template) {
        this.service = service;
        this.method = method;
        this.template = template;
        this.tenantData = template.contains("{tenantId}") || template.contains("{deploymentId}") || template.contains("{eventId}");
    }

    static Endpoint of(Service service, String method, String template) {
        return new Endpoint(service, method, template);
    }

    Endpoint body(String sample, BodyField... bodyFields) {
        this.body = sample;
        this.fields.addAll(List.of(bodyFields));
        return this;
    }

    /**
     * A well-formed body the endpoint must refuse: the sample with each path of {@code changes} set to its
     * raw JSON value, answered with one of {@code allowed}, a 400 naming {@code field}.
     */
    record Refused(String name, Map<String, String> changes, Set<Integer> allowed, String field) {
    }

    Endpoint refuses(List<Refused> bodies) {
        this.refused.addAll(bodies);
        return this;
    }

    Endpoint query(String name, String sample, QueryParam.Kind kind) {
        if (sample != null) {
            query.put(name, sample);
        }
        queryParams.add(new QueryParam(name, kind));
        return this;
    }

    Endpoint forgery(String name, String path, String rawValue, int status, String field) {
        forgeries.add(new Forgery(name, path, rawValue, status, field));
        return this;
    }

    Endpoint answers(Integer... statuses) {
        this.sampleAnswers = Set.of(statuses);
        return this;
    }

    Endpoint bodyOptional() {
        this.bodyOptional = true;
        return this;
    }

    Endpoint recordsRefusals() {
        this.recordsRefusals = true;
        return this;
    }

    Endpoint tenantData() {
        this.tenantData = true;
        return this;
    }

    List<String> pathParams() {
        List<String> names = new ArrayList<>();
        var matcher = java.util.regex.Pattern.compile("\\{([A-Za-z]+)}").matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    @Override
    public String toString() {
        return service.name().toLowerCase() + " " + method + " " + template;
    }
}
