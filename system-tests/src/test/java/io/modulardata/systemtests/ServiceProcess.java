package io.modulardata.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.modulardata.infra.stack.FreePorts;
import io.modulardata.infra.stack.PostgresAddress;
import io.modulardata.infra.stack.ServiceLauncher;
import io.modulardata.infra.stack.StackAddresses;
import io.modulardata.fixtures.ApiRequest;
import io.modulardata.fixtures.ProcessOutput;

/** One packaged service ({@code quarkus-run.jar}) as its own process, pointed at a running platform's servers. */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ServiceLauncher LAUNCHER = ServiceLauncher.choose();

    private final Process process;
    private final ProcessOutput output;
    private final int port;

    private ServiceProcess(Process process, int port) {
        this.process = process;
        this.output = ProcessOutput.of(process);
        this.port = port;
    }

    /** Starts {@code service} (e.g. registry-service) with its database and extra settings, and waits until it is ready. */
    static ServiceProcess start(PlatformProcess platform, String service, String database, Map<String, String> settings)
            throws IOException {
        StackAddresses servers = new StackAddresses(platform.kafkaBootstrapServers(), platform.registryUrl(),
                platform.postgres());
        return start(servers, platform.dataDir().resolve("jwt/public.pem"), service, database, settings);
    }

    /**
     * Starts {@code service} against servers given by their addresses (e.g. a {@code LocalStack} run by the
     * test itself), trusting tokens signed by the key whose public half is {@code jwtPublicKey}.
     */
    static ServiceProcess start(StackAddresses servers, Path jwtPublicKey, String service, String database,
            Map<String, String> settings) throws IOException {
        int port = FreePorts.pick();
        Path jar = PlatformProcess.REPO_ROOT.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        Map<String, String> environment = new HashMap<>(Map.of(
                "MDP_HTTP_PORT", String.valueOf(port),
                "MDP_MANAGEMENT_PORT", String.valueOf(FreePorts.pick()),
                "MDP_KAFKA_BOOTSTRAP_SERVERS", servers.kafkaBootstrapServers(),
                "MDP_APICURIO_REGISTRY_URL", servers.registryUrl(),
                "MDP_POSTGRES_HOST", servers.postgres().host(),
                "MDP_POSTGRES_PORT", String.valueOf(servers.postgres().port()),
                "MDP_POSTGRES_DB", database,
                "MDP_JWT_PUBLIC_KEY_LOCATION", jwtPublicKey.toString()));
        environment.putAll(settings);
        StringBuilder training = new StringBuilder();
        // The JVM, options and start-up cache `up` uses; a first start trains the cache (see ServiceLauncher).
        List<String> command = LAUNCHER.prepare(service, jar, "http://127.0.0.1:" + port,
                trainingCommand -> {
                    Process process = launch(trainingCommand, environment);
                    ProcessOutput.of(process);
                    return process;
                }, line -> training.append(line).append('\n'));
        ServiceProcess started = new ServiceProcess(launch(command, environment), port);
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
                assertThat(started.process.isAlive()).as("%s is running; output:%n%s", service, started.output).isTrue();
                return started.ready();
            });
        } catch (RuntimeException | Error e) {
            // Nobody else holds the process yet: it would outlive the test.
            started.process.destroyForcibly();
            throw new IllegalStateException(service + " did not get ready; " + training + "its output:\n" + started.output, e);
        }
        return started;
    }

    private static Process launch(List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The database's runtime and owner roles are the services' defaults, as `up` and LocalStack make them.
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the service printed so far, for failure messages. */
    String output() {
        return output.toString();
    }

    /** The {@code lines} printed from the first line that mentions {@code text} on, or nothing when none does. */
    String outputAround(String text, int lines) {
        List<String> printed = output.toString().lines().toList();
        for (int i = 0; i < printed.size(); i++) {
            if (printed.get(i).contains(text)) {
                return String.join("\n", printed.subList(i, Math.min(printed.size(), i + lines))) + "\n";
            }
        }
        return "";
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    HttpResponse<String> post(String path, String token, String json) throws IOException, InterruptedException {
        return send("POST", path, token, json, null);
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send("GET", path, token, null, null);
    }

    /** Any call; {@code json} and {@code correlationId} may be null. */
    HttpResponse<String> send(String method, String path, String token, String json, String correlationId)
            throws IOException, InterruptedException {
        return HTTP.send(ApiRequest.builder(method, url(path), token, json, correlationId).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** kill -9: no shutdown hook, no flush, nothing graceful. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor()).isEqualTo(137);
    }

    private boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url("/q/health/ready"))).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }
}
