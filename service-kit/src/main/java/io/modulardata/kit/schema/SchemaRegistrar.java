package io.modulardata.kit.schema;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.avro.Schema;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.apicurio.registry.client.RegistryClientFactory;
import io.apicurio.registry.client.common.RegistryClientOptions;
import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.rest.client.models.CreateArtifact;
import io.apicurio.registry.rest.client.models.CreateRule;
import io.apicurio.registry.rest.client.models.CreateVersion;
import io.apicurio.registry.rest.client.models.IfArtifactExists;
import io.apicurio.registry.rest.client.models.RuleType;
import io.apicurio.registry.rest.client.models.VersionContent;
import io.modulardata.events.PlatformEvents;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Registers every platform event schema in Apicurio Registry at start-up, under the coordinates the
 * serializer's RecordIdStrategy looks up (group = Avro namespace, artifact = record name), and puts a
 * BACKWARD compatibility rule on each artifact. A schema change that breaks BACKWARD compatibility is
 * then refused by the registry and this service does not start, instead of publishing events that
 * existing consumers cannot read.
 */
@ApplicationScoped
public class SchemaRegistrar {

    public static final String COMPATIBILITY = "BACKWARD";
    private static final int PARALLEL_REGISTRATIONS = 4;

    private final String registryUrl;
    private final Vertx vertx;

    public SchemaRegistrar(@ConfigProperty(name = "mp.messaging.connector.smallrye-kafka.apicurio.registry.url") String registryUrl,
            Vertx vertx) {
        this.registryUrl = registryUrl;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent startup) {
        RegistryClient client = client();
        List<Schema> schemas = PlatformEvents.eventClasses().stream().map(PlatformEvents::schemaOf).toList();
        // The registry may still be starting next to us: retry for a while before giving up.
        Uni.createFrom().item(() -> registerAll(client, schemas))
                .onFailure(SchemaRegistrar::isTransient).retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(5))
                .expireIn(Duration.ofSeconds(60).toMillis())
                .invoke(count -> Log.infof("Registered %d event schemas in %s with %s compatibility", count, registryUrl, COMPATIBILITY))
                .await().indefinitely();
    }

    /** Registers the schemas side by side: one after the other they took about 0.6 s of every start. */
    private static int registerAll(RegistryClient client, List<Schema> schemas) {
        ExecutorService workers = Executors.newFixedThreadPool(PARALLEL_REGISTRATIONS);
        try {
            List<Future<?>> registrations = schemas.stream()
                    .<Future<?>>map(schema -> workers.submit(() -> register(client, schema))).toList();
            for (Future<?> registration : registrations) {
                registration.get();
            }
            return schemas.size();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while registering the event schemas", e);
        } finally {
            workers.shutdownNow();
        }
    }

    public RegistryClient client() {
        return RegistryClientFactory.create(RegistryClientOptions.create(registryUrl, vertx));
    }

    /** Creates the artifact (or a new version when the schema changed) and makes sure its rule is set. */
    public static void register(RegistryClient client, Schema schema) {
        var artifacts = client.groups().byGroupId(schema.getNamespace()).artifacts();
        artifacts.post(createArtifact(schema), request -> {
            request.queryParameters.ifExists = IfArtifactExists.FIND_OR_CREATE_VERSION;
            request.queryParameters.canonical = true;
        });
        var rules = artifacts.byArtifactId(schema.getName()).rules();
        if (!rules.get().contains(RuleType.COMPATIBILITY)) {
            CreateRule rule = new CreateRule();
            rule.setRuleType(RuleType.COMPATIBILITY);
            rule.setConfig(COMPATIBILITY);
            try {
                rules.post(rule);
            } catch (io.apicurio.registry.rest.client.models.ProblemDetails e) {
                // Services starting side by side race to set the same rule: a conflict is fine if it is there now.
                if (!Integer.valueOf(409).equals(e.getStatus()) || !rules.get().contains(RuleType.COMPATIBILITY)) {
                    throw e;
                }
            }
        }
    }

    public static CreateArtifact createArtifact(Schema schema) {
        VersionContent content = new VersionContent();
        content.setContent(schema.toString());
        content.setContentType("application/json");
        CreateVersion version = new CreateVersion();
        version.setContent(content);
        CreateArtifact artifact = new CreateArtifact();
        artifact.setArtifactId(schema.getName());
        artifact.setArtifactType("AVRO");
        artifact.setFirstVersion(version);
        return artifact;
    }

    private static boolean isTransient(Throwable failure) {
        // Registry answers (rule violations, bad requests) are final; connection failures are not.
        return !(failure instanceof io.apicurio.registry.rest.client.models.ProblemDetails);
    }
}
