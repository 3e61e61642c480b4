package io.modulardata.infra.cli;

import io.modulardata.infra.stack.Stoppable;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A server {@code up} may start beside the stack (Kubernetes emulation, Keycloak, Prometheus): held so that a
 * Ctrl-C during its start still stops it, and its URL kept in a file of the data folder while it runs, for
 * {@code status}.
 */
final class RecordedServer<T extends Stoppable> {

    private final UrlFile urlFile;
    private volatile T server;
    private volatile boolean stopping;

    RecordedServer(Path dataDir, String urlFileName) {
        this.urlFile = UrlFile.in(dataDir, urlFileName);
    }

    /** Holds the launched server; stops it again (and throws) when the platform is stopping already. */
    T hold(T launched) {
        synchronized (this) {
            server = launched;
            if (!stopping) {
                return launched;
            }
        }
        launched.stop(); // Ctrl-C came while it launched: the shutdown may have missed it
        throw new IllegalStateException("The platform is stopping; " + launched.name() + " was stopped again");
    }

    /** For readiness checks: give up once the platform stops. */
    boolean stopping() {
        return stopping;
    }

    Optional<T> server() {
        return Optional.ofNullable(server);
    }

    /** Records the URL of the server, now that it answers. */
    void ready(String url) {
        urlFile.write(url);
    }

    void stop() {
        T running;
        synchronized (this) {
            stopping = true;
            running = server;
        }
        if (running != null) {
            running.stop();
            urlFile.delete();
        }
    }

    /** The URL a running (or crashed) {@code up} recorded. */
    static Optional<String> recordedUrl(Path dataDir, String urlFileName) {
        return UrlFile.in(dataDir, urlFileName).read();
    }
}
