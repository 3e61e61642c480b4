package io.modulardata.infra.cli;

import io.modulardata.infra.stack.KubernetesEmulatorProcess;
import io.modulardata.infra.stack.Databases;
import io.modulardata.infra.stack.HttpProbe;
import io.modulardata.infra.stack.KeycloakServer;
import io.modulardata.infra.stack.PostgresAddress;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;

import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows which components answer at the configured addresses (every instance of a service",
                "when `up --replicas N` runs).",
                "Exit code 0 when all of them answer, 1 otherwise."})
final class StatusCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        PlatformSettings settings = PlatformSettings.fromEnvironment(System.getenv());
        PostgresAddress postgres = settings.externalPostgres()
                .orElse(new PostgresAddress("127.0.0.1", settings.postgresPort(), "postgres", "postgres"));
        String kafka = settings.externalKafka().orElse("127.0.0.1:" + settings.kafkaPort());
        String registry = settings.externalRegistry().orElse("http://127.0.0.1:" + settings.apicurioPort() + "/apis/registry/v3");

        var up = new PidFile(settings.dataDir()).runningProcess();
        System.out.println("infra/platform up: " + up.map(p -> "running (pid " + p.pid() + ")").orElse("not running")
                + ", data " + settings.dataDir());
        boolean all = report("PostgreSQL", postgres.host() + ":" + postgres.port(), () -> postgresAnswers(postgres));
        all &= report("Kafka", kafka, () -> kafkaAnswers(kafka));
        all &= report("Apicurio Registry", registry, () -> HttpProbe.answersOk(registry + "/system/info"));
        all &= reportCluster(settings);
        int replicas = ReplicaCount.recorded(settings.dataDir());
        for (ServiceSpec service : ServiceSpec.ALL) {
            for (ServiceInstance instance : settings.instances(service, replicas)) {
                String base = instance.baseUrl();
                all &= report(instance.name(), base, () -> HttpProbe.answersOk(base + "/q/health/ready"));
                if (service.metrics()) {
                    all &= report("", "metrics " + instance.metricsUrl(), () -> HttpProbe.answersOk(instance.metricsUrl()));
                }
            }
        }
        all &= reportKeycloak(settings);
        all &= reportPrometheus(settings);
        return all ? 0 : 1;
    }

    /** Only when {@code up --with-keycloak} started one: it is optional. */
    private static boolean reportKeycloak(PlatformSettings settings) {
        return LocalKeycloak.recordedUrl(settings.dataDir())
                .map(url -> report("Keycloak", KeycloakServer.issuer(url, KeycloakServer.REALM), () -> HttpProbe.answersOk(
                        KeycloakServer.issuer(url, KeycloakServer.REALM) + "/.well-known/openid-configuration")))
                .orElse(true);
    }

    /** Only when {@code up --with-prometheus} started one: it is optional. */
    private static boolean reportPrometheus(PlatformSettings settings) {
        return LocalPrometheus.recordedUrl(settings.dataDir())
                .map(url -> report("Prometheus", url, () -> HttpProbe.answersOk(url + "/-/ready")))
                .orElse(true);
    }

    /** A configured cluster is only named (checking it needs its credentials); the emulation is probed. */
    private static boolean reportCluster(PlatformSettings settings) {
        if (settings.configuredCluster().isPresent()) {
            System.out.println(String.format("  %-20s %-45s %s", "Kubernetes", settings.configuredCluster().get(),
                    "external, not checked"));
            return true;
        }
        String url = LocalCluster.recordedUrl(settings.dataDir())
                .orElse(settings.kubernetesPort() == 0 ? "" : "http://127.0.0.1:" + settings.kubernetesPort());
        if (url.isEmpty()) {
            System.out.println(String.format("  %-20s %-45s %s", "Kubernetes emulation", "not started", "DOWN"));
            return false;
        }
        return report("Kubernetes emulation", url, () -> KubernetesEmulatorProcess.answers(url));
    }

    private static boolean report(String name, String address, BooleanSupplier check) {
        boolean answers = check.getAsBoolean();
        System.out.println(String.format("  %-20s %-45s %s", name, address, answers ? "answers" : "DOWN"));
        return answers;
    }

    private static boolean postgresAnswers(PostgresAddress postgres) {
        try (Connection connection = Databases.connect(postgres, "postgres")) {
            return connection.isValid(3);
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean kafkaAnswers(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            return !admin.describeCluster().nodes().get(4, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }
}
