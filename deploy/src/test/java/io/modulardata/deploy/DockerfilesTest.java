package io.modulardata.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each service's and the console's src/main/docker/Dockerfile.jvm builds the image the manifests run, non-root, in the Quarkus
 * fast-jar layout. No container engine runs here: the images themselves are not built by any test.
 */
class DockerfilesTest {

    private static final Pattern TAG = Pattern.compile("docker build .* -t ([^:\\s]+):\\S+");

    @Test
    void buildsTheImageEveryOverlayRunsAsTheImagesUnprivilegedUser() throws IOException {
        for (String service : Manifests.WORKLOADS) {
            String dockerfile = Files.readString(Manifests.ROOT.resolve(service).resolve("src/main/docker/Dockerfile.jvm"));
            Matcher tag = TAG.matcher(dockerfile);
            String port = ServiceSettingsTest.environment("production", service).get("MDP_HTTP_PORT");
            // The console has no management port.
            String managementPort = ServiceSettingsTest.environment("production", service).get("MDP_MANAGEMENT_PORT");
            String exposed = managementPort == null ? port : port + " " + managementPort;

            assertThat(tag.find()).as("%s's Dockerfile.jvm names its image in a docker build -t line", service).isTrue();
            for (String overlay : Manifests.OVERLAYS) {
                String image = ServiceSettingsTest.container(overlay, service).getImage();
                assertThat(image.substring(0, image.lastIndexOf(':'))).as("%s in %s", service, overlay).isEqualTo(tag.group(1));
            }
            assertThat(dockerfile).as(service).containsPattern("(?m)^USER 185$")
                    .contains("COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/")
                    .contains("ENV JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"")
                    .containsPattern("(?m)^EXPOSE " + exposed + "$");
            assertThat(ServiceSettingsTest.container("production", service).getSecurityContext()).isNotNull();
            assertThat(Manifests.service("production", service).getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser())
                    .isEqualTo(185L);
        }
    }

    @Test
    void everyServiceModuleHasADockerfile() throws IOException {
        try (var modules = Files.list(Manifests.ROOT)) {
            List<String> services = modules.filter(path -> path.getFileName().toString().endsWith("-service"))
                    .filter(path -> Files.exists(path.resolve("pom.xml")))
                    .map(path -> path.getFileName().toString()).toList();
            assertThat(services).containsExactlyInAnyOrderElementsOf(Manifests.SERVICES);
        }
    }
}
