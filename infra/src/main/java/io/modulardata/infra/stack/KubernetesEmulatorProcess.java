package io.modulardata.infra.stack;

import io.modulardata.kubernetes.KubernetesEmulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Runs {@link KubernetesEmulator} as a child JVM on this JVM's classpath, as KafkaServer runs Kafka. */
public final class KubernetesEmulatorProcess extends ChildProcessServer {

    public static final String STEP = "Kubernetes API emulation";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final String url;

    private KubernetesEmulatorProcess(ChildProcess process, String url) {
        super(process);
        this.url = url;
    }

    /** Launches the emulator on 127.0.0.1:{@code port} without waiting for it; see {@link #awaitReady}. */
    public static KubernetesEmulatorProcess launch(int port, Duration readyDelay, Path workDir, Path logFile) {
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable(), "-Xmx128m", "-XX:TieredStopAtLevel=1"));
        command.addAll(ExtraJvmOptions.fromEnvironment().options());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                KubernetesEmulator.class.getName(), String.valueOf(port), String.valueOf(readyDelay.toMillis())));
        return new KubernetesEmulatorProcess(ChildProcess.start(STEP, command, workDir, logFile, Map.of()),
                "http://127.0.0.1:" + port);
    }

    /** Waits until the API answers; throws (naming the log) when the process dies or time runs out. */
    public void awaitReady(BooleanSupplier cancelled) {
        Readiness.await(STEP, process(), START_TIMEOUT, cancelled, () -> answers(url));
    }

    /** Whether a Kubernetes API (emulated or not, without authentication) answers at {@code url}. */
    public static boolean answers(String url) {
        return HttpProbe.answersOk(url + "/api/v1/namespaces");
    }

    public String url() {
        return url;
    }

    public long pid() {
        return process().pid();
    }
}
