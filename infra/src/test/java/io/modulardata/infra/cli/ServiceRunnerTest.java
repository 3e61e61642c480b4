package io.modulardata.infra.cli;

import io.modulardata.infra.stack.FreePorts;
import io.modulardata.infra.stack.ServiceJvm;
import io.modulardata.infra.stack.ServiceLauncher;
import io.modulardata.infra.stack.StackStartException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceRunnerTest {

    private static final ServiceSpec REGISTRY = ServiceSpec.ALL.get(0);

    @TempDir
    Path repoRoot;

    /** The launcher's own JVM: these tests are about starting and stopping, ServiceLauncherTest about the cache. */
    private final ServiceRunner runner = new ServiceRunner(new ServiceLauncher(ServiceJvm.own()));

    @AfterEach
    void stopServices() {
        runner.stopAll();
    }

    @Test
    void startsTheServiceJarWithItsEnvironmentAndWaitsUntilItIsReady() throws Exception {
        packageFakeService(REGISTRY);
        int port = FreePorts.pick();

        runner.start(instance(port), repoRoot, Map.of("MDP_HTTP_PORT", String.valueOf(port), "MDP_POSTGRES_DB", "registry"),
                repoRoot.resolve("logs/registry-service.log"));

        HttpResponse<String> env = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(ServiceRunner.baseUrl(port) + "/env")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(env.body()).contains("MDP_POSTGRES_DB=registry\n", "MDP_HTTP_PORT=" + port + "\n");
    }

    @Test
    void stopsEveryServiceItStarted() throws Exception {
        packageFakeService(REGISTRY);
        int port = FreePorts.pick();
        runner.start(instance(port), repoRoot, Map.of("MDP_HTTP_PORT", String.valueOf(port)),
                repoRoot.resolve("logs/registry-service.log"));
        var children = ProcessHandle.current().children().toList();

        runner.stopAll();

        assertThat(children).isNotEmpty().noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void namesTheServiceAndItsLogWhenItDoesNotComeUp() throws Exception {
        packageFakeService(REGISTRY);
        Path log = repoRoot.resolve("logs/registry-service.log");

        assertThatThrownBy(() -> runner.start(instance(FreePorts.pick()), repoRoot, Map.of("FAKE_EXIT_CODE", "3"), log))
                .isInstanceOf(StackStartException.class)
                .hasMessage("registry-service failed: process exited with code 3 (log: " + log + ")");
    }

    @Test
    void refusesAServiceWhoseJarIsMissing() {
        assertThatThrownBy(() -> runner.start(instance(FreePorts.pick()), repoRoot, Map.of(), repoRoot.resolve("x.log")))
                .isInstanceOf(StackStartException.class)
                .hasMessageContaining("quarkus-run.jar is missing");
    }

    /** A quarkus-run.jar look-alike: a manifest-only jar whose class path is this module's test classes. */
    private void packageFakeService(ServiceSpec service) throws IOException, URISyntaxException {
        Path jar = service.jar(repoRoot);
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        Path testClasses = Path.of(FakeService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, testClasses.toUri().toString());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // The manifest is all it needs.
        }
    }

    private static ServiceInstance instance(int port) {
        return new ServiceInstance(REGISTRY, 1, port, port + 1);
    }
}
