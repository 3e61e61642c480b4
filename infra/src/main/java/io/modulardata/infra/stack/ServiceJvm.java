package io.modulardata.infra.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The JVM a packaged service runs on: the newest JDK 25 or later found on this machine, with compact object
 * headers and an AOT cache ({@link AotCache}); otherwise the JVM that runs this launcher, started as before.
 * MDP_SERVICE_JAVA_HOME names the JDK; MDP_AOT=off keeps the newer JDK but drops the cache.
 */
public record ServiceJvm(JavaRuntime runtime, boolean aot) {

    /** The first release with one-step AOT training (-XX:AOTCacheOutput, JEP 514) and compact headers (JEP 519). */
    public static final int AOT_FEATURE = 25;
    static final List<Path> JDK_FOLDERS = List.of(Path.of("/usr/lib/jvm"), Path.of("/opt/java"));

    /** Chosen from this process's environment, its own JDK and the usual JDK folders. */
    public static ServiceJvm choose() {
        return choose(System.getenv(), Path.of(System.getProperty("java.home")), JDK_FOLDERS);
    }

    static ServiceJvm choose(Map<String, String> environment, Path ownHome, List<Path> jdkFolders) {
        boolean aotWanted = !"off".equalsIgnoreCase(environment.getOrDefault("MDP_AOT", "").trim());
        String chosen = environment.getOrDefault("MDP_SERVICE_JAVA_HOME", "").trim();
        if (!chosen.isEmpty()) {
            JavaRuntime runtime = JavaRuntime.at(Path.of(chosen)).orElseThrow(() -> new IllegalArgumentException(
                    "MDP_SERVICE_JAVA_HOME=" + chosen + " is not a JDK (no release file or bin/java)"));
            return of(runtime, aotWanted);
        }
        JavaRuntime own = own(ownHome);
        List<JavaRuntime> candidates = new ArrayList<>(installed(jdkFolders));
        Optional.ofNullable(environment.get("JAVA_HOME")).flatMap(home -> JavaRuntime.at(Path.of(home))).ifPresent(candidates::add);
        candidates.add(own);
        JavaRuntime newest = candidates.stream()
                .filter(runtime -> runtime.feature() >= AOT_FEATURE)
                .max(Comparator.comparing(ServiceJvm::versionKey))
                .orElse(own);
        return of(newest, aotWanted);
    }

    /** The JVM that runs this launcher, without a cache: how services started before JDK 25 was looked for. */
    public static ServiceJvm own() {
        return new ServiceJvm(own(Path.of(System.getProperty("java.home"))), false);
    }

    private static JavaRuntime own(Path home) {
        return JavaRuntime.at(home).orElse(new JavaRuntime(home, System.getProperty("java.version")));
    }

    private static ServiceJvm of(JavaRuntime runtime, boolean aotWanted) {
        return new ServiceJvm(runtime, aotWanted && runtime.feature() >= AOT_FEATURE);
    }

    /** The JVM options this runtime adds to every start (and to its training run, which must match them). */
    public List<String> options() {
        return runtime.feature() >= AOT_FEATURE ? List.of("-XX:+UseCompactObjectHeaders") : List.of();
    }

    /** For the log: "Java 25.0.3 (/usr/lib/jvm/temurin-25-jdk-amd64)". */
    public String describe() {
        return "Java " + runtime.version() + " (" + runtime.home() + ")";
    }

    private static List<JavaRuntime> installed(List<Path> folders) {
        List<JavaRuntime> found = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> homes = Files.list(folder)) {
                homes.map(JavaRuntime::at).flatMap(Optional::stream).forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException("could not list JDKs in " + folder, e);
            }
        }
        return found;
    }

    /** Orders "25.0.10" after "25.0.3". */
    private static String versionKey(JavaRuntime runtime) {
        StringBuilder key = new StringBuilder();
        for (String part : runtime.version().split("[.+_-]")) {
            key.append(String.format("%6s", part.replaceAll("\\D", "")));
        }
        return key.toString();
    }
}
