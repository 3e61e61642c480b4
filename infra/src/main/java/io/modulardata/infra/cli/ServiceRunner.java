package io.modulardata.infra.cli;

import io.modulardata.infra.stack.ChildProcess;
import io.modulardata.infra.stack.HttpProbe;
import io.modulardata.infra.stack.Readiness;
import io.modulardata.infra.stack.StackStartException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** Starts the packaged services as child processes and stops them again, newest first. */
final class ServiceRunner {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /**
     * A small heap that starts small (by default the JVM commits 1/64 of the machine's memory up front,
     * up to -Xmx) and the serial collector, which gives memory back: about 50 MB less resident memory per
     * service than -Xmx256m alone, measured with infra/bench/run. A control plane's heaps stay small.
     */
    static final List<String> JVM_OPTIONS = List.of("-Xms16m", "-Xmx256m", "-XX:+UseSerialGC");

    private final Deque<ChildProcess> running = new ArrayDeque<>();
    private volatile boolean stopping;

    /** Launches the service instance and waits until its {@code /q/health/ready} answers 200. */
    void start(ServiceInstance instance, Path repoRoot, Map<String, String> environment, Path logFile) {
        Path jar = instance.service().jar(repoRoot);
        String name = instance.name();
        if (!Files.exists(jar)) {
            throw new StackStartException(name, logFile, jar + " is missing even after the build");
        }
        ChildProcess process = ChildProcess.start(name,
                command(jar),
                repoRoot.resolve(instance.service().name()), logFile, environment);
        register(process);
        Readiness.await(name, process, START_TIMEOUT, () -> stopping,
                () -> HttpProbe.answersOk(instance.baseUrl() + "/q/health/ready"));
        process.process().onExit().thenAccept(exited -> {
            if (!stopping) {
                System.err.println("warning: " + name + " exited with code " + exited.exitValue()
                        + "; see " + logFile);
            }
        });
    }

    private static List<String> command(Path jar) {
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable()));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-jar", jar.toString()));
        return command;
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
