package io.modulardata.systemtests;

import static io.modulardata.systemtests.PlatformEndpoints.ALPHA;
import static io.modulardata.systemtests.PlatformEndpoints.ALPHA_NAME;
import static io.modulardata.systemtests.PlatformEndpoints.BRAVO;
import static io.modulardata.systemtests.PlatformEndpoints.COMPONENT;
import static io.modulardata.systemtests.PlatformEndpoints.POLICY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.common.utils.Utils;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.modulardata.infra.stack.Databases;
import io.modulardata.infra.stack.PostgresAddress;
import io.modulardata.infra.stack.ServiceDatabase;
import io.modulardata.fixtures.SqlAttempt;
import io.modulardata.systemtests.Endpoint.Service;
import io.modulardata.systemtests.HttpCalls.Answer;

/**
 * Issue 6: a battery of malformed, wrongly typed, oversized, unicode-edge and injection-shaped requests
 * against every endpoint of the running platform ({@link PlatformEndpoints}) gets only 4xx
 * application/problem+json answers that leak no internals, and changes nothing: the read models of every
 * service answer the same afterwards and no hostile request left an event in the audit log. Every endpoint
 * refuses a caller without a valid token (401), and another tenant's tenant-admin gets what the service
 * READMEs' endpoint tables promise: 404 where a tenant-admin may call the endpoint for its own tenant (the answer an
 * unknown tenant gets), 403 where the role may not call it at all, and nothing of the other tenant.
 * The attack table itself is checked against what the services serve ({@code /q/openapi}) and what
 * the service READMEs document ({@link DocumentedEndpoints}), so an endpoint added later cannot escape the battery.
 *
 * <p>Issue 11 adds well-formed deployment bodies that ask for root on the node, a credential as a literal
 * environment value, an undeclared image or a container beyond the tier ({@link PlatformEndpoints#privilegeEscalations}):
 * each refused, naming the field, and nothing written. Issues 11 and 12 added: 100,000-character values for every
 * field security-service reads on a hot path (a source address of that length once froze it), addresses and CIDRs
 * that are not plain literals, alpha's key ring seeded full so rotation and import are refused, the whole answer of
 * encrypt as a decrypt body, and {@link HostileCombinations} for what a single field cannot show.
 *
 * <p>Exceptions, decided on purpose: a refused decryption or rewrap is recorded as a {@code success=false}
 * security event (security-service/README.md), so those calls carry a correlation id of their own and may
 * leave only failure events; endpoints without tenant data (GET /tenants, the public key) answer another
 * tenant's admin 200, with nothing of the seeded tenant in it.
 *
 * <p>Issue 11 adds the platform's other doors: metrics (they name tenants) answer only on the services'
 * management ports, each service's database login cannot rewrite, empty or restructure its append-only
 * tables, and the keys in the data folder are readable by their owner only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> PATH_REFUSALS = Set.of(400, 404, 405);
    /** Java class or package names, stack frames, exception names: internals an answer must not show. */
    private static final Pattern LEAK = Pattern.compile("\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\(|"
            + "\\b(java|javax|jakarta|io\\.quarkus|io\\.vertx|io\\.smallrye|io\\.netty|org\\.hibernate|org\\.jboss|"
            + "com\\.fasterxml|io\\.modulardata|org\\.postgresql)\\.[a-z]|[A-Za-z]Exception\\b|\\.java:\\d+");

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    /** Every hostile request carries this correlation id: no audit event may carry it afterwards. */
    private final String hostileId = "hostile-" + run;
    /** Hostile requests to endpoints that record refusals (decrypt, rewrap): only failure events may carry it. */
    private final String refusalId = "refusal-" + run;
    /** Hostile requests answered 400 invalid-token: each must have left exactly one failure event. */
    private final java.util.concurrent.atomic.AtomicInteger invalidTokenAnswers = new java.util.concurrent.atomic.AtomicInteger();
    private final Map<Service, HttpCalls> services = new EnumMap<>(Service.class);
    private final Map<String, String> seeds = new LinkedHashMap<>();
    private PlatformProcess platform;
    private String admin;
    private String auditor;
    private String bravoAdmin;
    private Map<String, String> before;

    @BeforeAll
    void seed(PlatformProcess shared) throws Exception {
        platform = shared;
        for (Service service : Service.values()) {
            services.put(service, new HttpCalls(Integer.parseInt(platform.env(service.portVariable))));
        }
        admin = platform.token("platform-admin");
        auditor = platform.token("auditor");
        bravoAdmin = platform.token("tenant-admin", BRAVO);
        new HostileInputSeed(services, admin, auditor).seed(seeds);
        before = snapshot();
    }

    @Test
    @Order(0)
    void theAttackTableHoldsEveryServedAndDocumentedOperation() throws Exception {
        Map<String, Endpoint> attacked = new LinkedHashMap<>();
        PlatformEndpoints.all().forEach(endpoint -> attacked.put(key(endpoint), endpoint));
        Map<String, DocumentedEndpoints.Documented> documented = DocumentedEndpoints.read();
        Set<String> served = new java.util.TreeSet<>();
        for (Service service : Service.values()) {
            served.addAll(OpenApiOperations.of(service, services.get(service), platform));
        }

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(attacked).as("the attack table lists each operation once").hasSize(PlatformEndpoints.all().size());
        for (String operation : served) {
            softly.assertThat(attacked).as("%s is served (/q/openapi) but missing from the attack table (PlatformEndpoints)",
                    operation).containsKey(operation);
        }
        for (String operation : attacked.keySet()) {
            softly.assertThat(served).as("%s is in the attack table but not served (/q/openapi)", operation).contains(operation);
            softly.assertThat(documented).as("%s is in the attack table but in no endpoint table of the service READMEs", operation)
                    .containsKey(operation);
        }
        for (String operation : documented.keySet()) {
            softly.assertThat(attacked).as("%s is documented in a service README but missing from the attack table", operation)
                    .containsKey(operation);
        }
        softly.assertThat(DocumentedEndpoints.attackedEndpointCount()).as("endpoints system-tests/README.md says HostileInputIT attacks")
                .isEqualTo(attacked.size());
        softly.assertAll();
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> malformedBodiesAreRefusedWithProblems() {
        return PlatformEndpoints.all().stream().filter(endpoint -> endpoint.body != null)
                .map(endpoint -> DynamicTest.dynamicTest(endpoint + " bodies", () -> {
                    SoftAssertions softly = new SoftAssertions();
                    String sample = resolve(endpoint.body);
                    String path = path(endpoint, Map.of()) + query(endpoint.query);
                    if (endpoint.sampleAnswers != null) {
                        Answer control = send(endpoint, path, admin, "control-" + run).json(sample).send();
                        softly.assertThat(control.status()).as("%s: the sample body answers %s", endpoint, control)
                                .isIn(endpoint.sampleAnswers);
                    }
                    for (BodyBattery.Case hostile : BodyBattery.of(endpoint, sample)) {
                        Answer answer = send(endpoint, path, admin, correlationFor(endpoint))
                                .body(hostile.body(), hostile.contentType()).send();
                        countRefusal(endpoint, answer);
                        judge(softly, endpoint + " with " + hostile.name(), answer, hostile.allowed(), hostile.field());
                    }
                    softly.assertAll();
                }));
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> hostilePathValuesAreRefused() {
        return PlatformEndpoints.all().stream().filter(endpoint -> !endpoint.pathParams().isEmpty())
                .map(endpoint -> DynamicTest.dynamicTest(endpoint + " path values", () -> {
                    SoftAssertions softly = new SoftAssertions();
                    String body = endpoint.body == null ? null : resolve(endpoint.body);
                    if (endpoint.body == null && endpoint.sampleAnswers != null) {
                        Answer control = send(endpoint, path(endpoint, Map.of()), admin, "control-" + run).send();
                        softly.assertThat(control.status()).as("%s: the sample call answers %s", endpoint, control)
                                .isIn(endpoint.sampleAnswers);
                    }
                    for (String param : endpoint.pathParams()) {
                        for (Map.Entry<String, String> hostile : HostileValues.pathSegments().entrySet()) {
                            String path = path(endpoint, Map.of(param, hostile.getValue())) + query(endpoint.query);
                            Answer answer = send(endpoint, path, admin, correlationFor(endpoint)).json(body).send();
                            countRefusal(endpoint, answer);
                            judge(softly, endpoint + " with {" + param + "} = " + hostile.getKey(), answer, PATH_REFUSALS, null);
                        }
                    }
                    softly.assertAll();
                }));
    }

    @TestFactory
    @Order(3)
    Stream<DynamicTest> hostileQueryValuesAreRefused() {
        return PlatformEndpoints.all().stream().filter(endpoint -> !endpoint.queryParams.isEmpty())
                .map(endpoint -> DynamicTest.dynamicTest(endpoint + " query values", () -> {
                    SoftAssertions softly = new SoftAssertions();
                    for (QueryParam param : endpoint.queryParams) {
                        for (Map.Entry<String, String> hostile : HostileValues.queryValues(param.kind()).entrySet()) {
                            Map<String, String> query = new LinkedHashMap<>(endpoint.query);
                            query.put(param.name(), hostile.getValue());
                            Answer answer = send(endpoint, path(endpoint, Map.of()) + query(query), admin, hostileId).send();
                            String what = endpoint + " with ?" + param.name() + "= " + hostile.getKey();
                            if (param.kind() == QueryParam.Kind.FILTER && answer.status() == 200) {
                                // A free-text filter that matches nothing may say so.
                                softly.assertThat(answer.body()).as("%s: a filter answer finds nothing", what)
                                        .matches("\\[]|.*\"items\":\\[].*");
                            } else {
                                judge(softly, what, answer, Set.of(400), param.name());
                            }
                        }
                    }
                    softly.assertAll();
                }));
    }

    @TestFactory
    @Order(4)
    Stream<DynamicTest> everyEndpointRefusesCallersWithoutAValidToken() throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("no token", null);
        tokens.putAll(HostileTokens.all(platform.dataDir().resolve("jwt")));
        return PlatformEndpoints.all().stream().map(endpoint -> DynamicTest.dynamicTest(endpoint + " bad tokens", () -> {
            SoftAssertions softly = new SoftAssertions();
            String path = path(endpoint, Map.of()) + query(endpoint.query);
            for (Map.Entry<String, String> token : tokens.entrySet()) {
                Answer answer = send(endpoint, path, token.getValue(), hostileId)
                        .json(endpoint.body == null ? null : resolve(endpoint.body)).send();
                judge(softly, endpoint + " with " + token.getKey(), answer, Set.of(401), null);
            }
            Answer basic = send(endpoint, path, null, hostileId).header("Authorization", "Basic YWRtaW46YWRtaW4=")
                    .json(endpoint.body == null ? null : resolve(endpoint.body)).send();
            judge(softly, endpoint + " with basic auth", basic, Set.of(401), null);
            softly.assertAll();
        }));
    }

    @TestFactory
    @Order(5)
    Stream<DynamicTest> anotherTenantsAdminGetsWhatTheDocsPromiseAndNothingOfTheTenant() throws Exception {
        Map<String, DocumentedEndpoints.Documented> documented = DocumentedEndpoints.read();
        return PlatformEndpoints.all().stream().map(endpoint -> DynamicTest.dynamicTest(endpoint + " as bravo's admin", () -> {
            SoftAssertions softly = new SoftAssertions();
            String path = path(endpoint, Map.of()) + query(endpoint.query);
            String body = endpoint.body == null ? null : resolve(endpoint.body);
            Answer answer = send(endpoint, path, bravoAdmin, correlationFor(endpoint)).json(body).send();
            countRefusal(endpoint, answer);
            String what = endpoint + " as bravo's tenant-admin";
            DocumentedEndpoints.Documented docs = documented.get(key(endpoint));
            assertThat(docs).as("%s in the service READMEs' endpoint tables", endpoint).isNotNull();
            // service-kit/README.md: wrong role -> 403; another tenant's data -> 404, the same answer an unknown tenant gets.
            int expected = !docs.admitsTenantAdmin() ? 403 : endpoint.tenantData ? 404 : 200;
            judge(softly, what + " (roles: " + docs.roles() + ")", answer, Set.of(expected), null);
            String request = path + (body == null ? "" : body);
            secrets().forEach((name, secret) -> {
                if (!request.contains(secret)) {
                    softly.assertThat(answer.body()).as("%s: the answer shows no %s", what, name).doesNotContain(secret);
                }
            });
            softly.assertAll();
        }));
    }

    @TestFactory
    @Order(6)
    Stream<DynamicTest> hostileCombinationsAreRefused() {
        return HostileCombinations.all().stream().map(hostile -> DynamicTest.dynamicTest(hostile.toString(), () -> {
            SoftAssertions softly = new SoftAssertions();
            Answer answer = services.get(hostile.service()).call(hostile.method(), hostile.path()).bearer(admin)
                    .header("X-Correlation-Id", hostile.recordsRefusals() ? refusalId : hostileId).json(hostile.body()).send();
            judge(softly, hostile.toString(), answer, hostile.allowed(), hostile.field());
            countRefusal(hostile.recordsRefusals(), answer);
            softly.assertAll();
        }));
    }

    @Test
    @Order(7)
    void invalidCorrelationIdsAreRefused() throws Exception {
        SoftAssertions softly = new SoftAssertions();
        List<String> invalid = List.of("<script>", "' OR 1=1 --", "a b", "x".repeat(129), "${jndi:ldap://x}");
        for (Endpoint endpoint : PlatformEndpoints.all()) {
            if (!endpoint.method.equals("GET") && endpoint.sampleAnswers == null) {
                continue;
            }
            for (String correlationId : invalid) {
                Answer answer = services.get(endpoint.service).call(endpoint.method, path(endpoint, Map.of()) + query(endpoint.query))
                        .bearer(admin).header("X-Correlation-Id", correlationId)
                        .json(endpoint.body == null ? null : resolve(endpoint.body)).send();
                judge(softly, endpoint + " with X-Correlation-Id " + correlationId, answer, Set.of(400), "X-Correlation-Id");
            }
        }
        softly.assertAll();
    }

    @Test
    @Order(8)
    void nothingChangedAndNoHostileRequestWasAudited() throws Exception {
        assertThat(snapshot()).as("read models of every service after the battery").containsExactlyEntriesOf(before);

        // Security events are keyed by tenant: one sentinel per partition of security-events, sent after
        // the battery, shows that audit-service has read every event the battery could have caused.
        HttpCalls security = services.get(Service.SECURITY);
        HttpCalls audit = services.get(Service.AUDIT);
        List<String> sentinels = new ArrayList<>();
        for (int partition = 0; partition < 3; partition++) {
            String tenant = tenantOnPartition(partition, 3);
            String sentinel = "sentinel-" + run + "-" + partition;
            assertThat(security.call("GET", "/tenants/" + tenant + "/compliance/SOC2").bearer(admin)
                    .header("X-Correlation-Id", sentinel).send().status()).isEqualTo(200);
            sentinels.add(sentinel);
        }
        for (String sentinel : sentinels) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(audit.get("/audit/events?correlationId=" + sentinel, auditor).body()).contains(sentinel));
        }
        assertThat(items(audit.get("/audit/events?limit=500&correlationId=" + hostileId, auditor)))
                .as("audit events caused by hostile requests").isEmpty();
        List<JsonNode> refusals = allItems(audit, "/audit/events?limit=500&correlationId=" + refusalId);
        assertThat(invalidTokenAnswers.get()).as("hostile tokens refused as invalid-token").isPositive();
        assertThat(refusals).as("one recorded refusal per invalid-token answer").hasSize(invalidTokenAnswers.get());
        assertThat(refusals).as("recorded refusals").allSatisfy(event ->
                assertThat(event.path("payload").path("success").asBoolean(true)).as("%s", event).isFalse());
    }

    /** Issue 11: metrics name every tenant in their labels, so only the management port serves them. */
    @Test
    @Order(8)
    void metricsAnswerOnlyOnTheManagementPorts() throws Exception {
        SoftAssertions softly = new SoftAssertions();
        for (Service service : Service.values()) {
            HttpCalls api = services.get(service);
            Answer anonymous = api.call("GET", "/q/metrics").send();
            softly.assertThat(anonymous.status()).as("%s: /q/metrics without a token answers %s", service, anonymous).isIn(401, 404);
            softly.assertThat(anonymous.body()).as("%s: /q/metrics without a token", service).doesNotContain("# TYPE");
            Answer withToken = api.get("/q/metrics", admin);
            softly.assertThat(withToken.status()).as("%s: /q/metrics with a token answers %s", service, withToken).isEqualTo(404);

            HttpCalls management = new HttpCalls(Integer.parseInt(platform.env(service.portVariable.replace("_PORT", "_MANAGEMENT_PORT"))));
            Answer scrape = management.call("GET", "/q/metrics").send();
            softly.assertThat(scrape.status()).as("%s: the management port serves the metrics", service).isEqualTo(200);
            softly.assertThat(scrape.body()).as("%s: management metrics", service).contains("# TYPE jvm_memory_used_bytes");
        }
        // The gauges that list tenants are there, and nowhere on the public ports.
        HttpCalls deploymentManagement = new HttpCalls(Integer.parseInt(platform.env("MDP_DEPLOYMENT_SERVICE_MANAGEMENT_PORT")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deploymentManagement.call("GET", "/q/metrics").send().body())
                .contains("tenant_active_jobs{tenant=\"" + ALPHA + "\"}"));
        softly.assertAll();
    }

    /**
     * Issue 11: each service connects as its database's runtime role, which owns nothing: the append-only
     * tables and their triggers are out of its reach, not only behind a trigger. One delete is granted (issue 18):
     * key_material's rows of an offboarded tenant, which security-service shreds; its trigger refuses every other row.
     */
    @Test
    @Order(9)
    void everyServiceRunsAsARuntimeRoleThatCannotRewriteHistory() throws Exception {
        PostgresAddress server = platform.postgres();
        Map<String, List<String>> appendOnly = Map.of("registry", List.of("event_store"), "deployment", List.of("event_store"),
                "security", List.of("event_store", "key_material", "offboarded_tenant"), "audit", List.of("audit_entry", "audit_checkpoint"));
        SoftAssertions softly = new SoftAssertions();
        for (Map.Entry<String, List<String>> database : appendOnly.entrySet()) {
            String name = database.getKey();
            ServiceDatabase logins = ServiceDatabase.onLocalServer(server, name);
            softly.assertThat(connectedUsers(server, name)).as("who the running %s-service is connected as", name)
                    .containsOnly(logins.runtime().user());
            for (String table : database.getValue()) {
                for (String sql : List.of("update " + table + " set " + columnOf(table) + " = " + columnOf(table),
                        "delete from " + table, "truncate " + table, "alter table " + table + " add column note text",
                        "alter table " + table + " disable trigger user", "drop table " + table)) {
                    boolean shreddable = table.equals("key_material") && sql.startsWith("delete");
                    softly.assertThat(SqlAttempt.sqlState(logins.runtime(), name, sql)).as("%s: %s", name, sql)
                            .isEqualTo(shreddable ? SqlAttempt.RAISE_EXCEPTION : SqlAttempt.INSUFFICIENT_PRIVILEGE);
                }
            }
            String trigger = name.equals("audit") ? "audit_entry_append_only on audit_entry" : "event_store_append_only on event_store";
            softly.assertThat(SqlAttempt.sqlState(logins.runtime(), name, "drop trigger " + trigger)).as("%s: drop trigger", name)
                    .isEqualTo(SqlAttempt.INSUFFICIENT_PRIVILEGE);
        }
        softly.assertAll();
    }

    /** Issue 11: the local platform's keys are readable by their owner only, in folders only the owner may enter. */
    @Test
    @Order(10)
    void keyFilesAreOwnerOnly() throws Exception {
        Path data = platform.dataDir();
        for (Path folder : List.of(data.resolve("keys"), data.resolve("jwt"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).as("%s", folder).isEqualTo("rwx------");
        }
        for (Path key : List.of(data.resolve("keys/master.key"), data.resolve("keys/audit-signing-key.pem"),
                data.resolve("jwt/private.pem"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).as("%s", key).isEqualTo("rw-------");
        }
    }

    /** Issue 14: Swagger UI is served in prod mode too, without a token, by every service and the console. */
    @Test
    @Order(11)
    void swaggerUiIsServedByEveryServiceAndTheConsole() throws Exception {
        Map<String, HttpCalls> apps = new LinkedHashMap<>();
        services.forEach((service, calls) -> apps.put(service.name(), calls));
        apps.put("console", new HttpCalls(Integer.parseInt(platform.env("MDP_CONSOLE_PORT"))));
        SoftAssertions softly = new SoftAssertions();
        for (Map.Entry<String, HttpCalls> app : apps.entrySet()) {
            Answer answer = app.getValue().call("GET", "/q/swagger-ui/").send();
            softly.assertThat(answer.status()).as("%s: GET /q/swagger-ui/ answers %s", app.getKey(), answer).isEqualTo(200);
            softly.assertThat(answer.body()).as("%s: /q/swagger-ui/", app.getKey()).contains("swagger-ui");
        }
        softly.assertAll();
    }

    private static List<String> connectedUsers(PostgresAddress server, String database) throws SQLException {
        List<String> users = new ArrayList<>();
        try (Connection connection = Databases.connect(server, "postgres");
                PreparedStatement query = connection.prepareStatement(
                        "select distinct usename from pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    users.add(rows.getString(1));
                }
            }
        }
        return users;
    }

    private static String columnOf(String table) {
        return switch (table) {
            case "event_store" -> "actor";
            case "key_material" -> "wrapped_key";
            case "offboarded_tenant" -> "event_id";
            case "audit_entry" -> "actor";
            default -> "signature";
        };
    }

    /** A 4xx of the allowed ones, as problem+json without internals, naming {@code field} when it is a 400. */
    private static void judge(SoftAssertions softly, String what, Answer answer, Set<Integer> allowed, String field) {
        softly.assertThat(answer.status()).as("%s: status of %s", what, answer).isIn(allowed);
        if (answer.status() >= 400) {
            softly.assertThat(answer.isProblem()).as("%s: problem+json, got %s", what, answer).isTrue();
            softly.assertThat(LEAK.matcher(answer.body()).find()).as("%s: no internals in %s", what, answer).isFalse();
            if (field != null && answer.status() == 400) {
                softly.assertThat(answer.body()).as("%s: the problem names the field", what).contains(field);
            }
        }
    }

    private HttpCalls.Call send(Endpoint endpoint, String rawPath, String token, String correlationId) {
        return services.get(endpoint.service).call(endpoint.method, rawPath).bearer(token).header("X-Correlation-Id", correlationId);
    }

    private String correlationFor(Endpoint endpoint) {
        return endpoint.recordsRefusals ? refusalId : hostileId;
    }

    /** The endpoint's path with seeded values, except the raw (already encoded) {@code overrides}. */
    private String path(Endpoint endpoint, Map<String, String> overrides) {
        String path = endpoint.template;
        for (String param : endpoint.pathParams()) {
            String value = overrides.containsKey(param) ? overrides.get(param) : HostileValues.encode(seeds.get(param));
            path = path.replace("{" + param + "}", value);
        }
        return path;
    }

    private static String query(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        return "?" + query.entrySet().stream().map(entry -> entry.getKey() + "=" + HostileValues.encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    private String resolve(String text) {
        String resolved = text;
        for (Map.Entry<String, String> seed : seeds.entrySet()) {
            resolved = resolved.replace("@" + seed.getKey() + "@", seed.getValue());
        }
        return resolved;
    }

    /** What bravo's admin must never see of alpha. */
    private Map<String, String> secrets() {
        return Map.of("tenant name of alpha", ALPHA_NAME, "deployment of alpha", seeds.get("deploymentId"),
                "encrypted payload of alpha", seeds.get("payload"), "audit event of alpha", seeds.get("eventId"),
                "sealed personal field of alpha", seeds.get("sealed"));
    }

    /**
     * The observable state: every list and read of the seeded data, as status and body. Metrics drop
     * totalProcessingHours, which grows while the seeded deployment serves traffic.
     */
    private Map<String, String> snapshot() throws Exception {
        Map<Service, List<String>> reads = new EnumMap<>(Service.class);
        reads.put(Service.REGISTRY, List.of("/tenants", "/tenants/alpha", "/tenants/bravo", "/tenants/alpha/grants",
                "/tenants/bravo/grants", "/components/" + COMPONENT + "/versions",
                "/components/" + PlatformEndpoints.SPARE_COMPONENT + "/versions", "/tenants/alpha/components"));
        reads.put(Service.DEPLOYMENT, List.of("/tenants/alpha/deployments", "/tenants/bravo/deployments",
                "/deployments/" + seeds.get("deploymentId"), "/tenants/alpha/metrics", "/tenants/bravo/metrics"));
        reads.put(Service.SECURITY, List.of("/tenants/alpha/keys", "/tenants/bravo/keys", "/tenants/alpha/compliance/GDPR",
                "/tenants/bravo/compliance/GDPR", "/policies/" + POLICY));
        Map<String, String> state = new LinkedHashMap<>();
        for (Map.Entry<Service, List<String>> service : reads.entrySet()) {
            for (String path : service.getValue()) {
                Answer answer = services.get(service.getKey()).call("GET", path).bearer(admin)
                        .header("X-Correlation-Id", "snapshot-" + run).send();
                state.put(service.getKey() + " " + path, answer.status() + " "
                        + answer.body().replaceAll("\"totalProcessingHours\":[0-9.eE-]+", ""));
            }
        }
        return state;
    }

    /** Every page of an audit query, following {@code nextCursor}. */
    private List<JsonNode> allItems(HttpCalls audit, String query) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            Answer page = audit.get(query + (cursor == null ? "" : "&cursor=" + HostileValues.encode(cursor)), auditor);
            all.addAll(items(page));
            JsonNode next = JSON.readTree(page.body()).path("nextCursor");
            cursor = next.isTextual() ? next.asText() : null;
        } while (cursor != null);
        return all;
    }

    /** Counts an answer that security-service/README.md says was recorded as a failure event: 400 {@code invalid-token}. */
    private void countRefusal(Endpoint endpoint, Answer answer) {
        countRefusal(endpoint.recordsRefusals, answer);
    }

    private void countRefusal(boolean recordsRefusals, Answer answer) {
        if (recordsRefusals && answer.status() == 400 && answer.isProblem() && answer.body().contains("invalid-token")) {
            invalidTokenAnswers.incrementAndGet();
        }
    }

    private static String key(Endpoint endpoint) {
        return DocumentedEndpoints.key(endpoint.service, endpoint.method, endpoint.template);
    }

    private static List<JsonNode> items(Answer page) throws Exception {
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        JSON.readTree(page.body()).path("items").forEach(items::add);
        return items;
    }

    /** A valid tenant id whose records land on {@code partition} (Kafka's default partitioner: murmur2 of the key). */
    private static String tenantOnPartition(int partition, int partitions) {
        for (int i = 0; ; i++) {
            String tenant = "sentinel-" + i;
            if (Utils.toPositive(Utils.murmur2(tenant.getBytes(StandardCharsets.UTF_8))) % partitions == partition) {
                return tenant;
            }
        }
    }
}
