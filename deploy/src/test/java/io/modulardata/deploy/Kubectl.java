package io.modulardata.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Renders a Kustomize directory with {@code kubectl kustomize}, offline (kubectl 1.32 bundles Kustomize v5.5). */
final class Kubectl {

    private static final long TIMEOUT_SECONDS = 60;

    private Kubectl() {
    }

    static String kustomize(Path directory) {
        Path kubectl = executable().orElseThrow(() -> new AssertionError(
                "kubectl is needed to render the Kustomize overlays under deploy/ (kubectl 1.32 or later, which bundles"
                        + " Kustomize v5.5), and none was found at $KUBECTL, /usr/bin/kubectl or on the PATH."
                        + " Install kubectl; these tests do not skip without it."));
        try {
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", directory.toString())
                    .redirectErrorStream(false).start();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + directory + " failed: " + err);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("could not run " + kubectl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while rendering " + directory, e);
        }
    }

    private static Optional<Path> executable() {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "kubectl"));
        Stream<Path> explicit = Stream.ofNullable(System.getenv("KUBECTL")).map(Path::of);
        return Stream.concat(Stream.concat(explicit, Stream.of(Path.of("/usr/bin/kubectl"))), onPath)
                .filter(Files::isExecutable)
                .findFirst();
    }
}
