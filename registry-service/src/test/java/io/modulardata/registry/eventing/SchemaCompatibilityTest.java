package io.modulardata.registry.eventing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.modulardata.events.PlatformEvents;
import io.modulardata.events.TenantRegistered;
import io.apicurio.registry.rest.client.RegistryClient;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.kit.schema.SchemaRegistrar;
import io.modulardata.fixtures.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every event schema is in the registry under a BACKWARD rule, and the registry enforces it. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
@WithTestResource(JwtTestResource.class)
class SchemaCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @ConfigProperty(name = "mp.messaging.connector.smallrye-kafka.apicurio.registry.url")
    String registryUrl;

    @Inject
    SchemaRegistrar registrar;

    @Test
    void everyEventSchemaIsRegisteredWithABackwardRule() throws Exception {
        for (var eventClass : PlatformEvents.eventClasses()) {
            String artifact = artifactUrl(PlatformEvents.schemaOf(eventClass));
            HttpResponse<String> rule = get(artifact + "/rules/COMPATIBILITY");
            assertThat(rule.statusCode()).as(eventClass.getSimpleName()).isEqualTo(200);
            assertThat(JSON.readTree(rule.body()).get("config").asText()).isEqualTo("BACKWARD");
        }
    }

    @Test
    void registryRefusesAChangeThatBreaksBackwardCompatibility() throws Exception {
        Schema current = PlatformEvents.schemaOf(TenantRegistered.class);
        ObjectNode breaking = (ObjectNode) JSON.readTree(current.toString());
        // A new field without a default: new readers cannot read events already written.
        ((ArrayNode) breaking.get("fields")).addObject().put("name", "costCenter").put("type", "string");
        assertThat(proposeVersion(current, breaking).statusCode()).isEqualTo(409);

        ObjectNode compatible = (ObjectNode) JSON.readTree(current.toString());
        ObjectNode optional = ((ArrayNode) compatible.get("fields")).addObject().put("name", "costCenter");
        optional.putArray("type").add("null").add("string");
        optional.putNull("default");
        assertThat(proposeVersion(current, compatible).statusCode()).isEqualTo(200);
    }

    @Test
    void servicesStartingSideBySideCreateTheSameNewSchemaWithoutFailing() throws Exception {
        RegistryClient client = registrar.client();
        for (int round = 0; round < 5; round++) {
            // A schema the registry has not seen, created by eight "services" at the same moment.
            Schema schema = SchemaBuilder.record("SideBySide" + UUID.randomUUID().toString().replace("-", ""))
                    .namespace("io.modulardata.test").fields().requiredString("name").endRecord();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService services = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> registrations = new ArrayList<>();
                for (int service = 0; service < 8; service++) {
                    registrations.add(services.submit(() -> {
                        start.await();
                        SchemaRegistrar.register(client, schema);
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> registration : registrations) {
                    registration.get(30, TimeUnit.SECONDS); // throws what a registration threw
                }
            } finally {
                services.shutdownNow();
            }
            assertThat(get(artifactUrl(schema) + "/rules/COMPATIBILITY").statusCode()).isEqualTo(200);
        }
    }

    /** Asks the registry to accept a new version, as a dry run so the registry keeps its real history. */
    private HttpResponse<String> proposeVersion(Schema current, ObjectNode schema) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("content").put("content", schema.toString()).put("contentType", "application/json");
        return http.send(HttpRequest.newBuilder(URI.create(artifactUrl(current) + "/versions?dryRun=true"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String artifactUrl(Schema schema) {
        return registryUrl + "/groups/" + schema.getNamespace() + "/artifacts/" + schema.getName();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
