package io.modulardata.infra.cli;

import io.modulardata.infra.stack.ChildProcess;
import io.modulardata.infra.stack.HttpProbe;
import io.modulardata.infra.stack.Readiness;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Prometheus from PATH (Debian package {@code prometheus}) that {@code up --with-prometheus} runs on
 * {@code infra/monitoring}: it scrapes the services on their management ports and evaluates the alert rules.
 * Its configuration and data live in {@code <data folder>/prometheus/}, its URL in {@code prometheus.url}.
 */
public final class LocalPrometheus {

    static final String EXECUTABLE = "prometheus";
    private static final String URL_FILE = "prometheus.url";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final PlatformSettings settings;
    private final RecordedServer<ChildProcess> process;

    LocalPrometheus(PlatformSettings settings) {
        this.settings = settings;
        this.process = new RecordedServer<>(settings.dataDir(), URL_FILE);
    }

    /** The {@code prometheus} executable on PATH, if any. */
    public static Optional<Path> executable(String path) {
        return Arrays.stream(path == null ? new String[0] : path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, EXECUTABLE))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Starts Prometheus scraping {@code replicas} instances of each service, waits until it is ready; returns its URL. */
    String start(Path executable, int replicas) {
        Path home = settings.dataDir().resolve("prometheus");
        Path config = home.resolve("prometheus.yml");
        PrometheusConfig.write(settings, replicas, config);
        String address = "127.0.0.1:" + settings.prometheusPort();
        String url = "http://" + address;
        ChildProcess launched = process.hold(ChildProcess.start(EXECUTABLE, List.of(executable.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + home.resolve("data"),
                "--web.listen-address=" + address), home, settings.logDir().resolve("prometheus.log"), Map.of()));
        Readiness.await(EXECUTABLE, launched, START_TIMEOUT, process::stopping, () -> HttpProbe.answersOk(url + "/-/ready"));
        process.ready(url);
        return url;
    }

    void stop() {
        process.stop();
    }

    /** The URL a running {@code up --with-prometheus} recorded, for {@code status}. */
    static Optional<String> recordedUrl(Path dataDir) {
        return RecordedServer.recordedUrl(dataDir, URL_FILE);
    }
}
