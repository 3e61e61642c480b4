package io.modulardata.infra.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Apicurio Registry 3.0.x from its distribution in {@code infra/target/stack/apicurio}, run as a child process. */
final class ApicurioServer extends ChildProcessServer {

    static final String STEP = "Apicurio Registry";
    private static final String HOST = "127.0.0.1";

    private final int port;

    private ApicurioServer(ChildProcess process, int port) {
        super(process);
        this.port = port;
    }

    /** Where Apicurio keeps schemas: its in-memory database, or PostgreSQL so that ids survive a restart. */
    static Map<String, String> inMemoryStorage() {
        return Map.of();
    }

    static Map<String, String> postgresStorage(PostgresAddress postgres, String database) {
        return Map.of(
                "apicurio.storage.kind", "sql",
                "apicurio.storage.sql.kind", "postgresql",
                "apicurio.datasource.url", postgres.jdbcUrl(database),
                "apicurio.datasource.username", postgres.user(),
                "apicurio.datasource.password", postgres.password());
    }

    static ApicurioServer launch(StackHome home, Path workDir, Path logFile, int port, int managementPort,
                                 Map<String, String> storage) {
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable(), "-Xmx384m",
                "-Dquarkus.http.host=" + HOST,
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=" + HOST,
                "-Dquarkus.management.port=" + managementPort,
                // Its default pool opens 20 connections; a local registry needs few.
                "-Dapicurio.datasource.jdbc.initial-size=2",
                "-Dapicurio.datasource.jdbc.min-size=2",
                "-Dapicurio.datasource.jdbc.max-size=10"));
        command.addAll(ExtraJvmOptions.fromEnvironment().options());
        storage.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", home.apicurioRunner().toString()));
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new StackStartException(STEP, logFile, "could not create " + workDir, e);
        }
        return new ApicurioServer(ChildProcess.start(STEP, command, workDir, logFile, Map.of()), port);
    }

    void awaitReady(Duration timeout, BooleanSupplier cancelled) {
        Readiness.await(STEP, process(), timeout, cancelled, () -> HttpProbe.answersOk(registryUrl() + "/system/info"));
    }

    String registryUrl() {
        return "http://" + HOST + ":" + port + "/apis/registry/v3";
    }
}
