package io.modulardata.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.modulardata.infra.stack.PostgresAddress;
import io.modulardata.fixtures.PlatformLauncher;
import io.modulardata.infra.token.Role;

/**
 * The whole platform started by the real {@code infra/platform up} on free ports and a private data
 * folder, as a user would start it, and stopped with {@code infra/platform down --purge}.
 */
final class PlatformProcess implements AutoCloseable {

    static final Path REPO_ROOT = Path.of(System.getProperty("modulardata.repo.root", "..")).toAbsolutePath().normalize();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final PlatformLauncher launcher;

    private PlatformProcess(PlatformLauncher launcher) {
        this.launcher = launcher;
    }

    /** {@code infra/platform up} with {@code upArgs}, once it printed that the platform is ready. */
    static PlatformProcess start(Path dataDir, String... upArgs) throws IOException, InterruptedException {
        return start(dataDir, Map.of(), upArgs);
    }

    /** The same, with extra {@code up} settings (e.g. MDP_KUBERNETES_READY_DELAY, or a port the test picked). */
    static PlatformProcess start(Path dataDir, Map<String, String> settings, String... upArgs)
            throws IOException, InterruptedException {
        return new PlatformProcess(PlatformLauncher.start(REPO_ROOT, dataDir, settings, START_TIMEOUT, upArgs));
    }

    String env(String name) {
        return launcher.env(name);
    }

    /** The platform's PostgreSQL as its superuser: for what a test reads or attempts behind the services' backs. */
    PostgresAddress postgres() {
        return new PostgresAddress("127.0.0.1", Integer.parseInt(env("MDP_POSTGRES_PORT")), "postgres", "postgres");
    }

    /** Every setting {@code up} printed (MDP_*_PORT and the like). */
    Map<String, String> environment() {
        return launcher.environment();
    }

    String kafkaBootstrapServers() {
        return launcher.kafkaBootstrapServers();
    }

    String registryUrl() {
        return launcher.registryUrl();
    }

    Path dataDir() {
        return launcher.dataDir();
    }

    /**
     * A token of the platform's local signer, as {@code infra/platform token --role} prints it, minted here rather
     * than by a JVM per token (ReadmeWalkthroughIT and infra's PlatformScriptIT run the command itself).
     */
    String token(String role) {
        return launcher.token(Role.fromId(role), null);
    }

    /** A token of a tenant-scoped role (tenant-admin, tenant-user) bound to {@code tenant}. */
    String token(String role, String tenant) {
        return launcher.token(Role.fromId(role), tenant);
    }

    /** The API URL of the emulated Kubernetes cluster, as {@code up} printed it. */
    String emulatedClusterUrl() {
        Matcher url = Pattern.compile("EMULATED cluster at (http://\\S+)").matcher(output());
        assertThat(url.find()).as("up printed the emulated cluster's URL:%n%s", output()).isTrue();
        return url.group(1);
    }

    /** Runs a bash script in the repository root with the platform's environment. */
    Result bash(String script) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).directory(REPO_ROOT.toFile());
        builder.environment().putAll(launcher.environment());
        return run(builder);
    }

    Result platform(String... args) throws IOException, InterruptedException {
        return run(launcher.command(args));
    }

    String output() {
        return launcher.output();
    }

    /** {@code infra/platform down --purge}, which must succeed and leave nothing of the run in the temporary folder. */
    @Override
    public void close() throws Exception {
        assertThat(launcher.stop()).as("infra/platform down --purge exit code").isZero();
        assertThat(Path.of(launcher.env("HOME"))).as("the home the launcher made for up").doesNotExist();
    }

    private static Result run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", builder.command()).isTrue();
        return new Result(process.exitValue(), text);
    }

    record Result(int exitCode, String output) {
    }
}
