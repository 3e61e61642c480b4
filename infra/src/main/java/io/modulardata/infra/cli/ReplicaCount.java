package io.modulardata.infra.cli;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How many instances of every service the running {@code up} started ({@code --replicas}), kept in the data
 * folder so that {@code status} probes each of them. No file, or an unreadable one, means one instance.
 */
final class ReplicaCount {

    private static final String FILE = "replicas";

    private ReplicaCount() {
    }

    static void record(Path dataDir, int replicas) {
        UrlFile.in(dataDir, FILE).write(String.valueOf(replicas));
    }

    static int recorded(Path dataDir) {
        Optional<String> text = UrlFile.in(dataDir, FILE).read();
        try {
            return text.map(Integer::parseInt).filter(n -> n >= 1 && n <= ServiceInstance.MAX_REPLICAS).orElse(1);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    static void forget(Path dataDir) {
        UrlFile.in(dataDir, FILE).delete();
    }
}
