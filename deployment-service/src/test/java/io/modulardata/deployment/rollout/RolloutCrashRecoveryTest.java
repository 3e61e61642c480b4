package io.modulardata.deployment.rollout;

import static io.modulardata.deployment.rollout.RolloutScene.read;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modulardata.deployment.deploy.DeploymentEnvironments;
import io.modulardata.deployment.deploy.DeploymentQueries;
import io.modulardata.deployment.registry.Offboarding;
import io.modulardata.events.DeploymentFailed;
import io.modulardata.events.DeploymentPhase;
import io.modulardata.events.DeploymentPhaseCompleted;
import io.modulardata.events.DeploymentSlot;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.TestTokens;
import io.modulardata.kit.command.CommandRunner;
import io.modulardata.kit.command.EventRecorder;
import io.modulardata.kit.eventstore.EventStore;
import io.modulardata.kit.projection.ReadModels;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;

/**
 * A service killed inside a phase: the phase's cluster work is done but its event was never recorded
 * (the process died between the two). The instance's own executor is switched off; the test drives a
 * "doomed" executor that dies at that point, then a fresh one (a new instance, nothing in memory) that
 * must finish or compensate the rollout from the events alone. deployment-events must show each phase
 * exactly once, in order.
 */
@QuarkusTest
@TestProfile(RolloutCrashRecoveryTest.ExecutorSwitchedOff.class)
@WithKubernetesTestServer(crud = true)
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "deployment"))
@WithTestResource(JwtTestResource.class)
class RolloutCrashRecoveryTest extends RolloutTestBase {

    public static class ExecutorSwitchedOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("modulardata.rollout.enabled", "false");
        }
    }

    /** Where the doomed instance dies. */
    enum Kill {
        /** Green's objects applied; GREEN_DEPLOYED not recorded. */
        IN_GREEN_DEPLOYED,
        /** Green seen ready; GREEN_VALIDATED not recorded. */
        IN_GREEN_VALIDATED,
        /** Service selector switched to green; TRAFFIC_SWITCHED not recorded. */
        IN_TRAFFIC_SWITCHED,
        /** Blue deleted; BLUE_CLEANED_UP and DeploymentSucceeded not recorded. */
        IN_BLUE_CLEANED_UP,
        /** Green never ready: removed at the deadline; DeploymentFailed not recorded. */
        IN_READINESS_TIMEOUT,
        /** Rollback recorded; traffic routed back to blue, killed before green was deleted. */
        IN_ROLLBACK
    }

    /** What a kill looks like from the inside: the work after it never happens. */
    static final class Killed extends RuntimeException {
        Killed(String where) {
            super("killed " + where, null, false, false);
        }
    }

    /** Dies instead of recording the first batch of events that matches. */
    static final class DyingRecorder extends EventRecorder {
        private final Predicate<SpecificRecordBase> deadly;

        DyingRecorder(EventStore eventStore, ReadModels readModels, Predicate<SpecificRecordBase> deadly) {
            super(eventStore, readModels);
            this.deadly = deadly;
        }

        @Override
        public Uni<Void> record(String aggregateType, long expectedVersion, List<? extends SpecificRecordBase> events) {
            if (events.stream().anyMatch(deadly)) {
                return Uni.createFrom().failure(new Killed("before recording " + events.get(0).getSchema().getName()));
            }
            return super.record(aggregateType, expectedVersion, events);
        }
    }

    /** Dies when asked to delete a Deployment (after whatever cluster work came before in the step). */
    static final class DyingCluster extends ClusterOperations {
        DyingCluster(KubernetesClient client) {
            super(client);
        }

        @Override
        public void deleteDeployment(String tenantId, String containerName, DeploymentSlot slot) {
            throw new Killed("before deleting the " + slot + " Deployment");
        }
    }

    /** Dies when asked to delete a tenant's namespace (an offboarding learnt, the cluster not yet told). */
    static final class ClusterDyingAtNamespaceDeletion extends ClusterOperations {
        ClusterDyingAtNamespaceDeletion(KubernetesClient client) {
            super(client);
        }

        @Override
        public void deleteNamespace(String tenantId) {
            throw new Killed("before deleting the namespace of " + tenantId);
        }
    }

    @Inject
    ClusterOperations cluster;
    @Inject
    DeploymentQueries queries;
    @Inject
    CommandRunner commands;
    @Inject
    EventRecorder recorder;
    @Inject
    EventStore eventStore;
    @Inject
    ReadModels readModels;
    @Inject
    RolloutConfig config;

    @Inject
    RolloutLeases leases;
    @Inject
    DeploymentEnvironments environments;

    @ParameterizedTest
    @EnumSource(Kill.class)
    void aFreshExecutorFinishesOrCompensatesARolloutKilledInsideAPhase(Kill kill) {
        String first = scene.deploy("1", 10, 0);
        driveToTheEnd(executor(recorder, cluster), first);
        assertThat(scene.status(first)).isEqualTo("DEPLOYED");

        if (kill == Kill.IN_READINESS_TIMEOUT) {
            scene.controller.neverReady(scene.deploymentName("green"));
        }
        String second = scene.deploy("2", kill == Kill.IN_READINESS_TIMEOUT ? 1 : 10, kill == Kill.IN_ROLLBACK ? 120 : 0);
        if (kill == Kill.IN_ROLLBACK) {
            RolloutExecutor before = executor(recorder, cluster);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                before.advance(second);
                return read(() -> queries.find(second)).orElseThrow().phases().size() == 3;
            });
            given().auth().oauth2(TestTokens.tenantAdmin(scene.tenant)).contentType(ContentType.JSON).body(Map.of("reason", "bad numbers"))
                    .post("/deployments/" + second + "/rollback").then().statusCode(200);
        }

        RolloutExecutor doomed = switch (kill) {
            case IN_GREEN_DEPLOYED -> executor(dyingAt(phase(DeploymentPhase.GREEN_DEPLOYED)), cluster);
            case IN_GREEN_VALIDATED -> executor(dyingAt(phase(DeploymentPhase.GREEN_VALIDATED)), cluster);
            case IN_TRAFFIC_SWITCHED -> executor(dyingAt(phase(DeploymentPhase.TRAFFIC_SWITCHED)), cluster);
            case IN_BLUE_CLEANED_UP -> executor(dyingAt(phase(DeploymentPhase.BLUE_CLEANED_UP)), cluster);
            case IN_READINESS_TIMEOUT -> executor(dyingAt(DeploymentFailed.class::isInstance), cluster);
            case IN_ROLLBACK -> executor(recorder, new DyingCluster(client));
        };
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> diesAdvancing(doomed, second));

        // The cluster shows the phase's work; the log does not.
        List<String> phasesAtKill = read(() -> queries.find(second)).orElseThrow().phases().stream().map(p -> p.phase()).toList();
        switch (kill) {
            case IN_GREEN_DEPLOYED -> {
                assertThat(scene.deployment("green")).isNotNull();
                assertThat(phasesAtKill).isEmpty();
            }
            case IN_GREEN_VALIDATED -> assertThat(phasesAtKill).containsExactly("GREEN_DEPLOYED");
            case IN_TRAFFIC_SWITCHED -> {
                assertThat(scene.serviceSlot()).isEqualTo("green");
                assertThat(phasesAtKill).containsExactly("GREEN_DEPLOYED", "GREEN_VALIDATED");
            }
            case IN_BLUE_CLEANED_UP -> {
                assertThat(scene.deployment("blue")).isNull();
                assertThat(phasesAtKill).containsExactly("GREEN_DEPLOYED", "GREEN_VALIDATED", "TRAFFIC_SWITCHED");
            }
            case IN_READINESS_TIMEOUT -> {
                assertThat(scene.deployment("green")).isNull();
                assertThat(scene.status(second)).isEqualTo("DEPLOYING");
            }
            case IN_ROLLBACK -> {
                assertThat(scene.serviceSlot()).isEqualTo("blue");
                assertThat(scene.deployment("green")).isNotNull();
            }
        }
        // A restarted instance finds the rollout among the unfinished ones from the database alone.
        assertThat(read(() -> queries.unfinished())).contains(second);

        driveToTheEnd(executor(recorder, cluster), second);

        String prefix = "data-processing-" + scene.tenant + "-etl-";
        switch (kill) {
            case IN_READINESS_TIMEOUT -> {
                assertThat(scene.status(second)).isEqualTo("FAILED");
                assertThat(scene.deployment("green")).isNull();
                assertThat(scene.deployment("blue")).isNotNull();
                assertThat(scene.serviceSlot()).isEqualTo("blue");
                assertThat(scene.events(second, 3)).containsExactly("DeploymentRequested", "DeploymentPhaseCompleted:GREEN_DEPLOYED",
                        "DeploymentFailed");
            }
            case IN_ROLLBACK -> {
                assertThat(scene.status(second)).isEqualTo("ROLLED_BACK");
                assertThat(scene.deployment("green")).isNull();
                assertThat(scene.deployment("blue")).isNotNull();
                assertThat(scene.serviceSlot()).isEqualTo("blue");
                assertThat(scene.hpaTarget()).isEqualTo(prefix + "blue");
                assertThat(scene.events(second, 5)).containsExactly("DeploymentRequested", "DeploymentPhaseCompleted:GREEN_DEPLOYED",
                        "DeploymentPhaseCompleted:GREEN_VALIDATED", "DeploymentPhaseCompleted:TRAFFIC_SWITCHED", "DeploymentRolledBack");
            }
            default -> {
                assertThat(scene.status(second)).isEqualTo("DEPLOYED");
                assertThat(scene.deployment("blue")).isNull();
                assertThat(scene.deployment("green").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                        .isEqualTo("registry.example.com/data/etl:2");
                // the new instance rendered the literal value from the service's own table: no event holds it
                assertThat(scene.environment("green")).containsExactlyElementsOf(RolloutScene.expectedEnvironment(scene.tenant));
                assertThat(scene.serviceSlot()).isEqualTo("green");
                assertThat(scene.hpaTarget()).isEqualTo(prefix + "green");
                assertThat(scene.events(second, 6)).containsExactly("DeploymentRequested", "DeploymentPhaseCompleted:GREEN_DEPLOYED",
                        "DeploymentPhaseCompleted:GREEN_VALIDATED", "DeploymentPhaseCompleted:TRAFFIC_SWITCHED",
                        "DeploymentPhaseCompleted:BLUE_CLEANED_UP", "DeploymentSucceeded");
            }
        }
    }

    /**
     * Issue 18: the offboarding is in the database (known_tenant) when the service dies before deleting the
     * namespace; a fresh executor finds it there and finishes the removal, once.
     */
    @Test
    void anOffboardingCutShortBeforeTheNamespaceWasDeletedIsFinishedByAFreshExecutor() {
        String live = scene.deploy("1", 10, 0);
        driveToTheEnd(executor(recorder, cluster), live);
        String running = scene.deploy("2", 10, 120);
        executor(recorder, cluster).advance(running);
        assertThat(read(() -> queries.find(running)).orElseThrow().phases()).hasSize(1);
        registry.publish(registry.offboarded(scene.tenant, 3));
        await().atMost(Duration.ofSeconds(30)).until(() -> read(() -> facts.offboarding(scene.tenant)).isPresent());

        RolloutExecutor doomed = executor(recorder, new ClusterDyingAtNamespaceDeletion(client));
        doomed.advance(running);
        doomed.removeOffboardedTenants();

        // the rollout in progress stopped without touching the cluster; the namespace is still there
        assertThat(scene.status(running)).isEqualTo("REMOVED");
        assertThat(scene.deployment("green")).isNotNull();
        assertThat(client.namespaces().withName(scene.namespace()).get()).isNotNull();
        assertThat(scene.status(live)).isEqualTo("DEPLOYED");
        assertThat(read(() -> facts.offboardedNotRemoved())).extracting(Offboarding::tenantId).contains(scene.tenant);

        RolloutExecutor fresh = executor(recorder, cluster);
        fresh.removeOffboardedTenants();
        fresh.removeOffboardedTenants();

        assertThat(client.namespaces().withName(scene.namespace()).get()).isNull();
        assertThat(scene.status(live)).isEqualTo("REMOVED");
        assertThat(read(() -> facts.offboardedNotRemoved())).extracting(Offboarding::tenantId).doesNotContain(scene.tenant);
        assertThat(scene.events(live, 7)).containsExactly("DeploymentRequested", "DeploymentPhaseCompleted:GREEN_DEPLOYED",
                "DeploymentPhaseCompleted:GREEN_VALIDATED", "DeploymentPhaseCompleted:TRAFFIC_SWITCHED",
                "DeploymentPhaseCompleted:BLUE_CLEANED_UP", "DeploymentSucceeded", "DeploymentRemoved");
        assertThat(scene.events(running, 3)).containsExactly("DeploymentRequested", "DeploymentPhaseCompleted:GREEN_DEPLOYED",
                "DeploymentRemoved");
    }

    /** One step of the doomed executor; true once it was killed. */
    private static boolean diesAdvancing(RolloutExecutor doomed, String deploymentId) {
        try {
            doomed.advance(deploymentId);
            return false;
        } catch (RuntimeException e) {
            if (killedBy(e)) {
                return true;
            }
            throw e;
        }
    }

    private static boolean killedBy(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof Killed) {
                return true;
            }
        }
        return false;
    }

    /** Advances the rollout with {@code executor} until the database says there is nothing left to do for it. */
    private void driveToTheEnd(RolloutExecutor executor, String deploymentId) {
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100)).until(() -> {
            executor.advance(deploymentId);
            return !read(() -> queries.unfinished()).contains(deploymentId);
        });
    }

    private RolloutExecutor executor(EventRecorder eventRecorder, ClusterOperations operations) {
        return new RolloutExecutor(client, operations, queries, commands, eventRecorder, config, facts, environments, leases);
    }

    private DyingRecorder dyingAt(Predicate<SpecificRecordBase> deadly) {
        return new DyingRecorder(eventStore, readModels, deadly);
    }

    private static Predicate<SpecificRecordBase> phase(DeploymentPhase phase) {
        return event -> event instanceof DeploymentPhaseCompleted completed && completed.getPhase() == phase;
    }
}
