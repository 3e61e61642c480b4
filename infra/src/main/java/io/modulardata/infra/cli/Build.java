package io.modulardata.infra.cli;

import io.modulardata.infra.stack.ChildProcess;
import io.modulardata.infra.stack.StackStartException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds what {@code up} needs when it is missing, with Maven at the repository root. */
final class Build {

    static final String STEP = "Build";
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private Build() {
    }

    /** The infra parts (the CLI itself and the server binaries) and, if wanted, the service jars that are missing. */
    static List<Path> missing(Path repoRoot, boolean withServices) {
        List<Path> missing = new ArrayList<>(missingInfra(repoRoot));
        if (withServices) {
            ServiceSpec.ALL.stream().map(spec -> spec.jar(repoRoot)).filter(jar -> !Files.exists(jar)).forEach(missing::add);
        }
        return missing;
    }

    private static List<Path> missingInfra(Path repoRoot) {
        Path target = repoRoot.resolve("infra/target");
        return List.of(target.resolve("lib"), target.resolve("stack/kafka-lib"), target.resolve("stack/apicurio"))
                .stream().filter(path -> !Files.isDirectory(path)).toList();
    }

    /** The command that builds everything; it leaves out infra when infra is complete, since this JVM runs from its jars. */
    static List<String> command(Path repoRoot) {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q", "install", "-DskipTests"));
        if (missingInfra(repoRoot).isEmpty()) {
            command.addAll(List.of("-pl", "!infra"));
        }
        return command;
    }

    static void run(Path repoRoot, Path logFile) {
        ChildProcess maven = ChildProcess.start(STEP, command(repoRoot), repoRoot, logFile, Map.of());
        var exitCode = maven.waitFor(TIMEOUT);
        if (exitCode.isEmpty()) {
            maven.stop();
            throw new StackStartException(STEP, logFile, "Maven did not finish within " + TIMEOUT.toMinutes() + " min");
        }
        if (exitCode.getAsInt() != 0) {
            throw new StackStartException(STEP, logFile, "Maven exited with code " + exitCode.getAsInt());
        }
    }
}
