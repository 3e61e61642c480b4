package io.modulardata.infra.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
     * service than -Xmx256m alone, measured with infra/bench/run. A control plane's heaps stay small.
     */
    public static final List<String> JVM_OPTIONS = List.of("-Xms16m", "-Xmx256m", "-XX:+UseSerialGC");
    /** Calls made during training, so the cache holds the classes of serving requests too, not only of starting. */
    static final List<String> TRAINING_CALLS = List.of("/q/health/ready", "/q/health", "/q/openapi", "/tenants");
    private static final Duration TRAINING_START_TIMEOUT = Duration.ofSeconds(120);
    /** Writing the cache at exit (a second JVM assembles it) takes 10-40 s on a busy 2-core box. */
    private static final Duration TRAINING_EXIT_TIMEOUT = Duration.ofSeconds(180);
    /** What training costs on the 2-core build box: one start, the calls and writing the cache. */
    public static final int TRAINING_SECONDS = 40;

    private final ServiceJvm jvm;

    public ServiceLauncher(ServiceJvm jvm) {
        this.jvm = jvm;
    }

    /** On the JVM {@link ServiceJvm#choose()} picks. */
    public static ServiceLauncher choose() {
        return new ServiceLauncher(ServiceJvm.choose());
    }

    public ServiceJvm jvm() {
        return jvm;
    }

    /** Whether a start of {@code jar} trains its cache first. */
    public boolean needsTraining(Path jar) {
        return jvm.aot() && !cache(jar).exists();
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
        return jvm.describe() + (cache(jar).exists() ? " with AOT cache" : " without AOT cache (not trained)");
    }

    AotCache cache(Path jar) {
        List<String> options = new ArrayList<>(jvm.options());
        options.addAll(JVM_OPTIONS);
        return AotCache.of(jar, jvm.runtime(), options);
    }

    private List<String> command(Path jar, List<String> aotOptions) {
        List<String> command = new ArrayList<>(List.of(jvm.runtime().java()));
        command.addAll(jvm.options());
        command.addAll(JVM_OPTIONS);
        command.addAll(aotOptions);
        command.addAll(List.of("-jar", jar.toString()));
        return command;
    }

    /**
     * Trains the cache of {@code jar}: {@code launch} starts a process of the service from a command (with the
     * service's environment, ports and output) that answers at {@code baseUrl}; {@code log} hears a failure.
     * Returns whether the cache was written. Two trainings at once each write a file of their own and the
     * last rename wins: both files are whole caches.
     */
    public boolean train(String name, Path jar, String baseUrl,
                         Function<List<String>, Process> launch, Consumer<String> log) {
        AotCache cache = cache(jar);
        Path output = cache.trainingFile();
        Process process = launch.apply(command(jar, List.of("-XX:AOTCacheOutput=" + output)));
        try {
            awaitReady(process, baseUrl);
            TRAINING_CALLS.forEach(path -> HttpProbe.answersOk(baseUrl + path));
            process.destroy(); // SIGTERM: a graceful exit, at which the JVM writes the cache
            if (!process.waitFor(TRAINING_EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || !Files.isRegularFile(output)
                    || Files.size(output) == 0) {
                throw new IOException("the training run wrote no cache (exit code "
                        + (process.isAlive() ? "none, still running" : process.exitValue()) + ")");
            }
            cache.adopt(output);
            return true;
        } catch (IOException | RuntimeException e) {
            log.accept("training the start-up cache for " + name + " failed, it starts without one: " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            try {
                Files.deleteIfExists(output);
            } catch (IOException e) {
                log.accept("could not delete " + output + ": " + e.getMessage());
            }
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
