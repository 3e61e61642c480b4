package io.modulardata.infra.cli;

import io.modulardata.infra.stack.ChildProcess;
import io.modulardata.infra.stack.HttpProbe;
import io.modulardata.infra.stack.Readiness;
import io.modulardata.infra.stack.ServiceLauncher;
import io.modulardata.infra.stack.StackStartException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Starts the packaged services as child processes and stops them again, newest first. */
final class ServiceRunner {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private final Deque<ChildProcess> running = new ArrayDeque<>();
    private final ServiceLauncher launcher;
    private volatile boolean stopping;

    ServiceRunner(ServiceLauncher launcher) {
        this.launcher = launcher;
    }

    /** Whether {@code instance} has no start-up cache yet: {@link #train} first (a step of its own in up's progress). */
    boolean needsTraining(ServiceInstance instance, Path repoRoot) {
        return launcher.needsTraining(instance.service().jar(repoRoot));
    }

    /**
     * Trains the start-up cache of {@code instance}'s service by a run of the instance itself (see
     * {@link ServiceLauncher}); false when that run failed. The cache is written in the background meanwhile.
     */
    boolean train(ServiceInstance instance, Path repoRoot, Map<String, String> environment, Path logFile,
                  Consumer<String> log) {
        Path jar = existingJar(instance, repoRoot, logFile);
        CompletableFuture<Boolean> cache = launcher.train(instance.name(), jar, instance.baseUrl(),
                command -> launch(instance.name(), command, workDir(instance, repoRoot), logFile, environment).process(), log);
        return !cache.isDone() || cache.join();
    }

    /** "Java 25.0.3 (...) with AOT cache": what the next start of {@code instance} runs on. */
    String describe(ServiceInstance instance, Path repoRoot) {
        return launcher.describe(instance.service().jar(repoRoot));
    }

    private static Path existingJar(ServiceInstance instance, Path repoRoot, Path logFile) {
        Path jar = instance.service().jar(repoRoot);
        if (!Files.exists(jar)) {
            throw new StackStartException(instance.name(), logFile, jar + " is missing even after the build");
        }
        return jar;
    }

    private static Path workDir(ServiceInstance instance, Path repoRoot) {
        return repoRoot.resolve(instance.service().name());
    }

    /** Launches the service instance and waits until its {@code /q/health/ready} answers 200. */
    void start(ServiceInstance instance, Path repoRoot, Map<String, String> environment, Path logFile) {
        awaitReady(launch(instance, repoRoot, environment, logFile));
    }

    /** Launches the service instance without waiting for it: several can then start side by side. */
    LaunchedInstance launch(ServiceInstance instance, Path repoRoot, Map<String, String> environment, Path logFile) {
        Path jar = existingJar(instance, repoRoot, logFile);
        ChildProcess process = launch(instance.name(), launcher.command(jar), workDir(instance, repoRoot), logFile,
                environment);
        return new LaunchedInstance(instance, process, logFile, System.nanoTime());
    }

    /**
     * Waits until the launched instance's {@code /q/health/ready} answers 200, and returns the seconds from its
     * launch until then; from then on an exit is reported.
     */
    double awaitReady(LaunchedInstance launched) {
        String name = launched.instance().name();
        Readiness.await(name, launched.process(), START_TIMEOUT, () -> stopping,
                () -> HttpProbe.answersOk(launched.instance().baseUrl() + "/q/health/ready"));
        launched.process().process().onExit().thenAccept(exited -> {
            if (!stopping) {
                System.err.println("warning: " + name + " exited with code " + exited.exitValue()
                        + "; see " + launched.logFile());
            }
        });
        return (System.nanoTime() - launched.launchedAt()) / 1e9;
    }

    /** A service instance whose process runs, ready or not yet. */
    record LaunchedInstance(ServiceInstance instance, ChildProcess process, Path logFile, long launchedAt) {
    }

    /** A started process is registered at once, so that stopping the platform stops a training run too. */
    private ChildProcess launch(String name, List<String> command, Path workDir, Path logFile, Map<String, String> environment) {
        ChildProcess process = ChildProcess.start(name, command, workDir, logFile, environment);
        register(process);
        return process;
    }

    static String baseUrl(int port) {
        return "http://127.0.0.1:" + port;
    }

    void stopAll() {
        stopping = true;
        while (true) {
            ChildProcess next;
            synchronized (running) {
                next = running.pollFirst();
            }
            if (next == null) {
                return;
            }
            next.stop();
        }
    }

    private void register(ChildProcess process) {
        synchronized (running) {
            if (!stopping) {
                running.addFirst(process);
                return;
            }
        }
        process.stop();
        throw new IllegalStateException("The platform is stopping; " + process.name() + " was stopped again");
    }
}
