package io.modulardata.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each service and the console run hardened, probed, budgeted and autoscaled; production runs at least two of each. */
class WorkloadsTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void runsEveryPodUnderTheRestrictedPodSecurityStandard(String overlay) {
        List<PodSpec> pods = new ArrayList<>();
        Manifests.ofType(overlay, Deployment.class).forEach(deployment -> pods.add(deployment.getSpec().getTemplate().getSpec()));
        Manifests.ofType(overlay, Job.class).forEach(job -> pods.add(job.getSpec().getTemplate().getSpec()));

        assertThat(pods).hasSize(6);
        for (PodSpec pod : pods) {
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getAutomountServiceAccountToken()).isNotNull();
            for (Container container : pod.getContainers()) {
                String name = container.getName();
                assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(name).isFalse();
                assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(name).isTrue();
                assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(name).containsExactly("ALL");
                assertThat(container.getSecurityContext().getCapabilities().getAdd()).as(name).isNullOrEmpty();
                assertThat(container.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as(name).containsKeys("cpu", "memory");
                assertThat(container.getVolumeMounts()).as(name)
                        .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
            }
            assertThat(pod.getVolumes()).anySatisfy(volume -> assertThat(volume.getEmptyDir()).isNotNull());
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void probesLivenessAndReadinessOnTheServicePort(String overlay) {
        for (String service : Manifests.WORKLOADS) {
            Container container = ServiceSettingsTest.container(overlay, service);

            assertThat(path(container.getLivenessProbe())).as(service).isEqualTo("/q/health/live");
            assertThat(path(container.getReadinessProbe())).as(service).isEqualTo("/q/health/ready");
            assertThat(path(container.getStartupProbe())).as(service).isEqualTo("/q/health/started");
            assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).as(service).isEqualTo("http");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void exposesTheApiAndMetricsPortsAndBudgetsAndScalesEachService(String overlay) {
        for (String service : Manifests.WORKLOADS) {
            Deployment deployment = Manifests.service(overlay, service);
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            Service kubeService = Manifests.named(overlay, Service.class, service);
            PodDisruptionBudget budget = Manifests.named(overlay, PodDisruptionBudget.class, service);
            HorizontalPodAutoscaler autoscaler = Manifests.named(overlay, HorizontalPodAutoscaler.class, service);

            assertThat(podLabels).containsAllEntriesOf(kubeService.getSpec().getSelector())
                    .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels())
                    .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
            // The console serves no /q/metrics, so it has no management port.
            assertThat(kubeService.getSpec().getPorts()).as(service).extracting(port -> port.getTargetPort().getStrVal())
                    .containsExactlyInAnyOrderElementsOf(service.equals(Manifests.CONSOLE) ? List.of("http") : List.of("http", "management"));
            assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo(service);
            assertThat(autoscaler.getSpec().getMinReplicas()).isLessThanOrEqualTo(deployment.getSpec().getReplicas());
            assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
            assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo(service);
            assertThat(Manifests.named(overlay, ServiceAccount.class, service)).isNotNull();
        }
    }

    @Test
    void runsAtLeastTwoOfEveryServiceInProduction() {
        for (String service : Manifests.WORKLOADS) {
            assertThat(Manifests.service("production", service).getSpec().getReplicas()).as(service).isGreaterThanOrEqualTo(2);
            assertThat(Manifests.named("production", HorizontalPodAutoscaler.class, service).getSpec().getMinReplicas())
                    .as(service).isGreaterThanOrEqualTo(2);
            assertThat(Manifests.named("production", PodDisruptionBudget.class, service).getSpec().getMinAvailable().getIntVal())
                    .as(service).isEqualTo(1);
            assertThat(ServiceSettingsTest.container("production", service).getImage()).as(service)
                    .isEqualTo("modulardata/" + service + ":0.1.0");
        }
    }

    @Test
    void mountsAServiceAccountTokenOnlyIntoDeploymentService() {
        for (String service : Manifests.WORKLOADS) {
            boolean token = Manifests.service("production", service).getSpec().getTemplate().getSpec().getAutomountServiceAccountToken();
            assertThat(token).as(service).isEqualTo(service.equals("deployment-service"));
        }
    }

    private static String path(Probe probe) {
        return probe.getHttpGet().getPath();
    }
}
