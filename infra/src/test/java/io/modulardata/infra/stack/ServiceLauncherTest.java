package io.modulardata.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.modulardata.infra.cli.FakeService;

/**
 * Trains and uses a real AOT cache on the newest JDK here (25 or later, which this machine has) for a small
 * service jar (the {@link FakeService} stand-in, so the test needs no built service): two trainings at once
 * leave one whole cache, a start with it is ready, and so is a start with a damaged cache.
 */
class ServiceLauncherTest {

    @TempDir
    Path root;
    private final List<Process> started = new ArrayList<>();
    private final List<String> log = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void trainsTheCacheOnceEvenWhenTwoStartsTrainAtOnceAndStartsWithItOrWithADamagedOne() throws Exception {
        ServiceLauncher launcher = ServiceLauncher.choose();
        assertThat(launcher.jvm().aot()).as("a JDK of 25 or later is installed: %s", launcher.jvm()).isTrue();
        Path jar = packageFakeService();
        assertThat(launcher.needsTraining(jar)).isTrue();

        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> train(launcher, jar)).thenCompose(cache -> cache);
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> train(launcher, jar)).thenCompose(cache -> cache);

        assertThat(first.get()).as("first training; %s", log).isTrue();
        assertThat(second.get()).as("second training; %s", log).isTrue();
        AotCache cache = launcher.cache(jar);
        assertThat(launcher.needsTraining(jar)).isFalse();
        try (var files = Files.list(cache.file().getParent())) {
            assertThat(files).containsExactly(cache.file());
        }
        List<String> command = launcher.command(jar);
        assertThat(command).contains("-XX:AOTCache=" + cache.file(), "-XX:+UseCompactObjectHeaders");
        assertThat(launcher.describe(jar)).endsWith("with AOT cache");
        assertThat(startAndAwaitReady(command)).doesNotContain("[aot]");

        // Damaged in the middle, past the header: without checksum verification the JVM crashed on such a cache.
        damage(cache.file(), Files.size(cache.file()) / 2);
        assertThat(startAndAwaitReady(launcher.command(jar))).contains("[aot]");
        damage(cache.file(), 0);
        assertThat(startAndAwaitReady(launcher.command(jar))).contains("[aot]");
    }

    private CompletableFuture<Boolean> train(ServiceLauncher launcher, Path jar) {
        int port = FreePorts.pick();
        return launcher.train("registry-service", jar, "http://127.0.0.1:" + port,
                command -> launch(command, port), line -> {
                    synchronized (log) {
                        log.add(line);
                    }
                });
    }

    /** Starts {@code command}, waits until it answers, and returns what the JVM printed by then. */
    private String startAndAwaitReady(List<String> command) throws IOException {
        int port = FreePorts.pick();
        Process process = launch(command, port);
        Path output = root.resolve("output-" + port + ".txt");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            assertThat(process.isAlive()).as("still running; output: %s", Files.readString(output)).isTrue();
            return HttpProbe.answersOk("http://127.0.0.1:" + port + "/q/health/ready");
        });
        return Files.readString(output);
    }

    private Process launch(List<String> command, int port) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(root.resolve("output-" + port + ".txt").toFile());
        builder.environment().putAll(Map.of("MDP_HTTP_PORT", String.valueOf(port)));
        try {
            Process process = builder.start();
            synchronized (started) {
                started.add(process);
            }
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void damage(Path file, long position) throws IOException {
        try (RandomAccessFile bytes = new RandomAccessFile(file.toFile(), "rw")) {
            bytes.seek(position);
            bytes.write(new byte[1 << 20]);
        }
    }

    /** A quarkus-run.jar look-alike holding the stand-in's class (an AOT cache wants jars, not folders, on the class path). */
    private Path packageFakeService() throws IOException {
        Path jar = Files.createDirectories(root.resolve("registry-service/target/quarkus-app")).resolve("quarkus-run.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        String entry = FakeService.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream contents = new JarOutputStream(out, manifest);
             InputStream fakeService = FakeService.class.getClassLoader().getResourceAsStream(entry)) {
            contents.putNextEntry(new JarEntry(entry));
            fakeService.transferTo(contents);
        }
        return jar;
    }
}
