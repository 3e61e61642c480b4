package io.modulardata.infra.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one way a packaged service ({@code quarkus-run.jar}) is started, by {@code infra/platform up} and by the
 * system tests: its command line on the {@link ServiceJvm}, with the service's AOT cache when there is one, and
 * the training of that cache on a first start. Training starts the service with {@code -XX:AOTCacheOutput}, waits
 * until it is ready, calls a few endpoints, stops it with SIGTERM (the JVM writes the cache as it exits) and
 * adopts the file; a failed training only costs its time: the service then starts without a cache.
 */
public final class ServiceLauncher {

    /**
     * A small heap that starts small (by default the JVM commits 1/64 of the machine's memory up front,
     * up to -Xmx) and the serial collector, which gives memory back: about 50 MB less resident memory per
     * service than -Xmx256m alone, measured with benchmarks/run. A control plane's heaps stay small.
     */
    public static final List<String> JVM_OPTIONS = List.of("-Xms16m", "-Xmx256m", "-XX:+UseSerialGC");
    /** Calls made during training, so the cache holds the classes of serving requests too, not only of starting. */
    static final List<String> TRAINING_CALLS = List.of("/q/health/ready", "/q/health", "/q/openapi", "/tenants");
    /** Recording slows a start; at load 30 on the 2-core box a training run needed over 2 minutes to get ready. */
    private static final Duration TRAINING_START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration TRAINING_STOP_TIMEOUT = Duration.ofSeconds(60);
    /** Writing the cache at exit (a second JVM assembles it) took 40 s to over 3 minutes on the busy 2-core box. */
    private static final Duration TRAINING_EXIT_TIMEOUT = Duration.ofMinutes(15);
    /** What training adds to a first start on the 2-core build box: one more start and the calls. */
    public static final int TRAINING_SECONDS = 30;

    /** Caches being written by a training run of this process: a start meanwhile runs without, it does not train again. */
    private static final Map<Path, CompletableFuture<Boolean>> BEING_WRITTEN = new ConcurrentHashMap<>();

    private final ServiceJvm jvm;
    private final ExtraJvmOptions extra;

    public ServiceLauncher(ServiceJvm jvm) {
        this(jvm, new ExtraJvmOptions(List.of()));
    }

    public ServiceLauncher(ServiceJvm jvm, ExtraJvmOptions extra) {
        this.jvm = jvm;
        this.extra = extra;
    }

    /** On the JVM {@link ServiceJvm#choose()} picks, with the {@link ExtraJvmOptions} of the environment. */
    public static ServiceLauncher choose() {
        return new ServiceLauncher(ServiceJvm.choose(), ExtraJvmOptions.fromEnvironment());
    }

    public ServiceJvm jvm() {
        return jvm;
    }

    /** Whether a start of {@code jar} trains its cache first. */
    public boolean needsTraining(Path jar) {
        AotCache cache = cache(jar);
        return jvm.aot() && !cache.exists() && !BEING_WRITTEN.containsKey(cache.file());
    }

    /**
     * The command that starts {@code jar}, after training its cache if it has none (see {@link #train}); for
     * the log, {@code log} hears the training and {@link #describe} says on what the service runs.
     */
    public List<String> prepare(String name, Path jar, String baseUrl,
                                Function<List<String>, Process> launch, Consumer<String> log) {
        if (needsTraining(jar)) {
            log.accept("training start-up cache for " + name + " (first start only, ~" + TRAINING_SECONDS + " s)");
            train(name, jar, baseUrl, launch, log);
        }
        log.accept(name + " runs on " + describe(jar));
        return command(jar);
    }

    /** The command that starts {@code jar}: with its AOT cache when there is one. */
    public List<String> command(Path jar) {
        AotCache cache = cache(jar);
        // The JVM ignores a cache with a bad header or of another size and starts without it, but a cache whose
        // contents were damaged crashed it (SIGSEGV) until its checksums are verified: that costs ~50 ms.
        return command(jar, jvm.aot() && cache.exists()
                ? List.of("-XX:AOTCache=" + cache.file(), "-XX:+VerifySharedSpaces")
                : List.of());
    }

    /** "Java 25.0.3 (/usr/lib/jvm/...) with AOT cache", "... without AOT cache (MDP_AOT=off)", or just the JVM. */
    public String describe(Path jar) {
        if (jvm.runtime().feature() < ServiceJvm.AOT_FEATURE) {
            return jvm.describe();
        }
        if (!jvm.aot()) {
            return jvm.describe() + " without AOT cache (MDP_AOT=off)";
        }
        AotCache cache = cache(jar);
        if (cache.exists()) {
            return jvm.describe() + " with AOT cache";
        }
        return jvm.describe() + " without AOT cache (" + (BEING_WRITTEN.containsKey(cache.file())
                ? "being written for the next start" : "not trained") + ")";
    }

    AotCache cache(Path jar) {
        return AotCache.of(jar, jvm.runtime(), options());
    }

    /** What every start and its training run share: a cache trained with other options is another cache. */
    private List<String> options() {
        List<String> options = new ArrayList<>(jvm.options());
        options.addAll(JVM_OPTIONS);
        options.addAll(extra.options());
        return options;
    }

    private List<String> command(Path jar, List<String> aotOptions) {
        List<String> command = new ArrayList<>(List.of(jvm.runtime().java()));
        command.addAll(options());
        command.addAll(aotOptions);
        command.addAll(List.of("-jar", jar.toString()));
        return command;
    }

    /**
     * Trains the cache of {@code jar}: {@code launch} starts a process of the service from a command (with the
     * service's environment, ports and output) that answers at {@code baseUrl}; {@code log} hears a failure.
     * Returns once the training run has served its calls and let go of its port, so the service can start
     * again at once; the JVM then still assembles the cache as it exits (minutes on a busy 2-core box), and the
     * returned future completes with whether the cache was written. Two trainings at once each write a file of
     * their own and the last rename wins: both files are whole caches.
     */
    public CompletableFuture<Boolean> train(String name, Path jar, String baseUrl,
                                            Function<List<String>, Process> launch, Consumer<String> log) {
        AotCache cache = cache(jar);
        Path output = cache.trainingFile();
        Process process = launch.apply(command(jar, List.of("-XX:AOTCacheOutput=" + output)));
        try {
            awaitReady(process, baseUrl);
            TRAINING_CALLS.forEach(path -> HttpProbe.answersOk(baseUrl + path));
            process.destroy(); // SIGTERM: a graceful exit, at which the JVM writes the cache
            awaitPortClosed(process, baseUrl);
        } catch (IOException | RuntimeException e) {
            return failed(name, process, output, e.getMessage(), log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(name, process, output, "interrupted", log);
        }
        CompletableFuture<Boolean> written = process.onExit().orTimeout(TRAINING_EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS).handle((exited, timeout) -> {
            try {
                if (timeout == null && Files.isRegularFile(output) && Files.size(output) > 0) {
                    cache.adopt(output);
                    Files.deleteIfExists(configFile(output));
                    return true;
                }
            } catch (IOException e) {
                log.accept("could not adopt the start-up cache of " + name + ": " + e.getMessage());
            }
            return failed(name, process, output, timeout == null ? "the training run wrote no cache (exit code "
                    + process.exitValue() + ")" : "the training run did not write its cache within "
                    + TRAINING_EXIT_TIMEOUT.toSeconds() + " s", log).join();
        });
        BEING_WRITTEN.put(cache.file(), written);
        written.whenComplete((done, failure) -> BEING_WRITTEN.remove(cache.file(), written));
        return written;
    }

    private static CompletableFuture<Boolean> failed(String name, Process process, Path output, String why,
                                                     Consumer<String> log) {
        log.accept("training the start-up cache of " + name + " failed: " + why);
        process.destroyForcibly();
        try {
            Files.deleteIfExists(output);
            Files.deleteIfExists(configFile(output));
        } catch (IOException e) {
            log.accept("could not delete " + output + ": " + e.getMessage());
        }
        return CompletableFuture.completedFuture(false);
    }

    /** The JVM's intermediate file of a training run (-XX:AOTConfiguration), beside its output. */
    private static Path configFile(Path output) {
        return output.resolveSibling(output.getFileName() + ".config");
    }

    /** Once the port is closed, the service may start again, while the training JVM still writes the cache. */
    private static void awaitPortClosed(Process process, String baseUrl) throws InterruptedException, IOException {
        URI uri = URI.create(baseUrl);
        long deadline = System.nanoTime() + TRAINING_STOP_TIMEOUT.toNanos();
        while (process.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
            } catch (IOException closed) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the training run still listened " + TRAINING_STOP_TIMEOUT.toSeconds()
                        + " s after SIGTERM");
            }
            Thread.sleep(100);
        }
    }

    private static void awaitReady(Process process, String baseUrl) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TRAINING_START_TIMEOUT.toNanos();
        while (!HttpProbe.answersOk(baseUrl + "/q/health/ready")) {
            if (!process.isAlive()) {
                throw new IOException("the training run exited with code " + process.exitValue() + " before it was ready");
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the training run was not ready after " + TRAINING_START_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(250);
        }
    }
}
