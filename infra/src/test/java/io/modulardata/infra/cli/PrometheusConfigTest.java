package io.modulardata.infra.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** infra/monitoring/prometheus.yml scrapes every service where it serves metrics, and `up` points it at the ports in use. */
class PrometheusConfigTest {

    private static final Pattern MANAGEMENT_PORT = Pattern.compile("quarkus\\.management\\.port=\\$\\{MDP_MANAGEMENT_PORT:(\\d+)}");

    private final Path repoRoot = Path.of("..").toAbsolutePath().normalize();

    @Test
    void scrapesEveryServiceOnTheManagementPortOfItsApplicationProperties() throws IOException {
        String config = Files.readString(repoRoot.resolve(PrometheusConfig.TEMPLATE));
        for (ServiceSpec service : ServiceSpec.ALL) {
            if (!service.metrics()) {
                continue;
            }
            Matcher port = MANAGEMENT_PORT.matcher(Files.readString(
                    repoRoot.resolve(service.name()).resolve("src/main/resources/application.properties")));
            assertThat(port.find()).as("%s sets its management port", service.name()).isTrue();
            assertThat(Integer.parseInt(port.group(1))).as(service.name()).isEqualTo(service.defaultManagementPort());
            assertThat(config).as(service.name()).containsPattern("job_name: " + service.name() + "\\s+metrics_path: /q/metrics"
                    + "\\s+static_configs:\\s+- targets: \\['127\\.0\\.0\\.1:" + port.group(1) + "']");
        }
    }

    @Test
    void upRendersThePortsTheServicesRunOnAndTheRulesByAbsolutePath() throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("MDP_AUDIT_SERVICE_MANAGEMENT_PORT", "19184");
        env.put("MDP_REGISTRY_SERVICE_MANAGEMENT_PORT", "19181");
        PlatformSettings settings = PlatformSettings.fromEnvironment(env);

        String rendered = PrometheusConfig.render(Files.readString(repoRoot.resolve(PrometheusConfig.TEMPLATE)), settings, 1);

        assertThat(rendered).contains("- targets: ['127.0.0.1:19184']", "- targets: ['127.0.0.1:19181']",
                        "- targets: ['127.0.0.1:9082']", "- targets: ['127.0.0.1:9083']")
                .doesNotContain("127.0.0.1:9084", "127.0.0.1:9081")
                .contains("- " + settings.repoRoot().resolve("infra/monitoring/alerts.yml"));
        assertThat(settings.repoRoot().resolve("infra/monitoring/alerts.yml")).exists();
    }

    @Test
    void withReplicasPrometheusScrapesEveryInstance() throws IOException {
        PlatformSettings settings = PlatformSettings.fromEnvironment(Map.of("MDP_AUDIT_SERVICE_MANAGEMENT_PORT", "19184"));

        String rendered = PrometheusConfig.render(Files.readString(repoRoot.resolve(PrometheusConfig.TEMPLATE)), settings, 3);

        assertThat(rendered).contains("- targets: ['127.0.0.1:9081', '127.0.0.1:9181', '127.0.0.1:9281']",
                "- targets: ['127.0.0.1:19184', '127.0.0.1:19284', '127.0.0.1:19384']");
    }

    @Test
    void findsPrometheusOnlyOnThePath(@TempDir Path bin) throws IOException {
        assertThat(LocalPrometheus.executable(bin.toString())).isEmpty();
        Path prometheus = Files.createFile(bin.resolve("prometheus"));
        assertThat(LocalPrometheus.executable(bin.toString())).isEmpty(); // not executable
        assertThat(prometheus.toFile().setExecutable(true)).isTrue();
        assertThat(LocalPrometheus.executable("/nonexistent:" + bin)).contains(prometheus);
    }
}
