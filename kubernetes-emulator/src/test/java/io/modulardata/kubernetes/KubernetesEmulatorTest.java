package io.modulardata.kubernetes;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** The emulator in this JVM, driven by a fabric8 client over HTTP as deployment-service drives it. */
class KubernetesEmulatorTest {

    private static final Duration DELAY = Duration.ofMillis(1500);

    private final KubernetesEmulator emulator = KubernetesEmulator.start(0, DELAY);
    private final KubernetesClient client = new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder().withMasterUrl(emulator.url()).build()).build();

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void answersTheKubernetesApi() {
        assertThat(client.namespaces().list().getItems()).isEmpty();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("data-tenant-acme")
                .endMetadata().build()).create();
        assertThat(client.namespaces().withName("data-tenant-acme").get()).isNotNull();
    }

    @Test
    void logsEveryWriteWithTheClientsUserAgentButNoRead() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Instant before = Instant.now();
        try (KubernetesClient replica = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl(emulator.url()).withUserAgent("deployment-service/replica-a").build()).build()) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            replica.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("data-tenant-log")
                    .endMetadata().build()).create();
            replica.namespaces().withName("data-tenant-log").get();
            replica.namespaces().withName("data-tenant-log").delete();
        } finally {
            System.setOut(stdout);
        }

        List<ClusterWrite> writes = printed.toString(StandardCharsets.UTF_8).lines().map(ClusterWrite::parse)
                .flatMap(Optional::stream).toList();
        assertThat(writes).extracting(ClusterWrite::method, ClusterWrite::path, ClusterWrite::status, ClusterWrite::userAgent)
                .containsExactly(tuple("POST", "/api/v1/namespaces/data-tenant-log", 201, "deployment-service/replica-a"),
                        tuple("DELETE", "/api/v1/namespaces/data-tenant-log", 200, "deployment-service/replica-a"));
        assertThat(writes).allSatisfy(write -> assertThat(write.at()).isAfterOrEqualTo(before));
    }

    @Test
    void marksADeploymentReadyOnlyAfterTheDelay() {
        long created = System.nanoTime();
        deployment("etl-blue").create();

        Deployment justCreated = deployment("etl-blue").get();
        assertThat(justCreated.getStatus() == null || justCreated.getStatus().getReadyReplicas() == null)
                .as("not ready right after creation: %s", justCreated.getStatus()).isTrue();

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> readyReplicas("etl-blue") == 3);
        assertThat(Duration.ofNanos(System.nanoTime() - created)).isGreaterThanOrEqualTo(DELAY);
        var status = deployment("etl-blue").get().getStatus();
        assertThat(status.getObservedGeneration()).isEqualTo(deployment("etl-blue").get().getMetadata().getGeneration());
        assertThat(status.getReplicas()).isEqualTo(3);
        assertThat(status.getAvailableReplicas()).isEqualTo(3);
    }

    @Test
    void aChangedSpecIsReadyAgainOnlyAfterTheDelay() {
        deployment("etl-green").create();
        await().atMost(Duration.ofSeconds(10)).until(() -> readyReplicas("etl-green") == 3);

        long changed = System.nanoTime();
        Deployment updated = deployment("etl-green").edit(d -> {
            d.getSpec().setReplicas(5);
            return d;
        });
        long generation = updated.getMetadata().getGeneration();
        assertThat(generation).isGreaterThan(1);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            var status = deployment("etl-green").get().getStatus();
            return status.getObservedGeneration() == generation && status.getReadyReplicas() == 5;
        });
        assertThat(Duration.ofNanos(System.nanoTime() - changed)).isGreaterThanOrEqualTo(DELAY);
    }

    @Test
    void neverMarksADeploymentRunningANeverReadyImageReady() {
        deployment("etl-green", "registry.example.com/data/etl:never-ready").create();
        deployment("etl-blue").create();

        // Created after green, with the same delay: once blue is ready, green would have been due too.
        await().atMost(Duration.ofSeconds(10)).until(() -> readyReplicas("etl-blue") == 3);
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2))
                .until(() -> readyReplicas("etl-green") == 0);
    }

    @Test
    void refusesToCreateADeploymentRunningARefusedImageAsAnAdmissionWebhookWould() {
        assertThatThrownBy(() -> deployment("etl-green", "registry.example.com:5000/data/etl:refused").create())
                .isInstanceOfSatisfying(KubernetesClientException.class, refused -> {
                    assertThat(refused.getCode()).isEqualTo(403);
                    assertThat(refused.getStatus().getMessage()).contains("admission webhook", RefusedImage.WEBHOOK, "etl-green");
                });
        assertThat(deployment("etl-green").get()).as("nothing stored").isNull();
        // Every time it is asked, and only for that image: others are stored as sent.
        assertThatThrownBy(() -> deployment("etl-green", "etl:refused").create()).isInstanceOf(KubernetesClientException.class);
        deployment("etl-blue", "etl:1.1.0-refused").create();
        assertThat(deployment("etl-blue").get()).isNotNull();
    }

    @Test
    void refusesToReplaceADeploymentWithARefusedImage() {
        deployment("etl-green").create();

        assertThatThrownBy(() -> deployment("etl-green", "etl:refused").update())
                .isInstanceOfSatisfying(KubernetesClientException.class, refused -> assertThat(refused.getCode()).isEqualTo(403));
        assertThat(deployment("etl-green").get().getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("etl:1");
    }

    private int readyReplicas(String name) {
        var status = deployment(name).get().getStatus();
        return status == null || status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
    }

    private RollableScalableResource<Deployment> deployment(String name) {
        return deployment(name, "etl:1");
    }

    private RollableScalableResource<Deployment> deployment(String name, String image) {
        return client.apps().deployments().inNamespace("data-tenant-acme").resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace("data-tenant-acme").endMetadata()
                .withNewSpec().withReplicas(3)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("etl").withImage(image).endContainer().endSpec()
                .endTemplate().endSpec().build());
    }
}
