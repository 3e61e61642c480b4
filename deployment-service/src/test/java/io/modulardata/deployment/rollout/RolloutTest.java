package io.modulardata.deployment.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

import io.modulardata.deployment.deploy.DeploymentRequests;
import io.modulardata.deployment.deploy.DeploymentSpec;
import io.modulardata.deployment.deploy.DeploymentValidator;
import io.modulardata.events.DeploymentFailed;
import io.modulardata.events.DeploymentPhase;
import io.modulardata.events.DeploymentPhaseCompleted;
import io.modulardata.events.DeploymentRequested;
import io.modulardata.events.DeploymentRolledBack;
import io.modulardata.events.DeploymentSlot;
import io.modulardata.events.DeploymentSucceeded;
import io.modulardata.kit.command.CommandContext;

/** Given events / when a command / then events, without any server. */
class RolloutTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final DeploymentSpec SPEC = DeploymentValidator.validate("acme", DeploymentRequests.full()); // 120 s readiness, 60 s delay

    private final List<SpecificRecordBase> history = new ArrayList<>();

    private static CommandContext at(Instant instant) {
        return new CommandContext("rollout", "corr-1", Clock.fixed(instant, ZoneOffset.UTC));
    }

    private RolloutTest given(SpecificRecordBase... events) {
        history.addAll(List.of(events));
        return this;
    }

    private Rollout rollout() {
        return Rollout.replay(history);
    }

    private DeploymentRequested requestedReplacing(String previous) {
        return Rollout.request("acme", "dep-2", SPEC, Optional.of(DeploymentSlot.BLUE), Optional.ofNullable(previous), List.of(), at(T0));
    }

    private List<SpecificRecordBase> phase(DeploymentPhase phase, int secondsAfterStart) {
        return rollout().complete(phase, Map.of(), at(T0.plusSeconds(secondsAfterStart)));
    }

    private void givenPhases(DeploymentPhase... phases) {
        int second = 1;
        for (DeploymentPhase p : phases) {
            history.addAll(phase(p, second++));
        }
    }

    @Test
    void firstDeploymentTargetsBlueAndNextDeploysGreen() {
        DeploymentRequested first = Rollout.request("acme", "dep-1", SPEC, Optional.empty(), Optional.empty(), List.of("DEPRECATED"), at(T0));
        assertThat(first.getTargetSlot()).isEqualTo(DeploymentSlot.BLUE);
        assertThat(first.getWarnings()).containsExactly("DEPRECATED");
        given(first);
        assertThat(rollout().version()).isEqualTo(1);
        assertThat(rollout().status()).isEqualTo(DeploymentStatus.REQUESTED);
        assertThat(rollout().nextStep().action()).isEqualTo(RolloutStep.Action.DEPLOY_GREEN);
    }

    @Test
    void remembersTheCorrelationIdOfTheCallThatRequestedIt() {
        given(requestedReplacing("dep-1"));
        givenPhases(DeploymentPhase.GREEN_DEPLOYED);
        assertThat(rollout().correlationId()).isEqualTo("corr-1");
    }

    @Test
    void aLiveBlueMakesTheOtherSlotGreen() {
        assertThat(requestedReplacing("dep-1").getTargetSlot()).isEqualTo(DeploymentSlot.GREEN);
    }

    @Test
    void phasesCompleteInOrderAndTheLastOneSucceeds() {
        given(requestedReplacing("dep-1"));
        givenPhases(DeploymentPhase.GREEN_DEPLOYED, DeploymentPhase.GREEN_VALIDATED, DeploymentPhase.TRAFFIC_SWITCHED);
        assertThat(rollout().status()).isEqualTo(DeploymentStatus.DEPLOYING);
        assertThat(rollout().servingSlot()).contains(DeploymentSlot.GREEN);

        assertThat(rollout().version()).as("the recorder numbers the next events 5 and 6").isEqualTo(4);
        List<SpecificRecordBase> then = rollout().complete(DeploymentPhase.BLUE_CLEANED_UP, Map.of(), at(T0.plusSeconds(70)));

        assertThat(then).hasSize(2);
        var cleaned = (DeploymentPhaseCompleted) then.get(0);
        assertThat(cleaned.getSlot()).isEqualTo(DeploymentSlot.BLUE);
        var succeeded = (DeploymentSucceeded) then.get(1);
        assertThat(succeeded.getLiveSlot()).isEqualTo(DeploymentSlot.GREEN);
        given(then.toArray(SpecificRecordBase[]::new));
        assertThat(rollout().version()).isEqualTo(6);
        assertThat(rollout().status()).isEqualTo(DeploymentStatus.DEPLOYED);
        assertThat(rollout().nextStep().action()).isEqualTo(RolloutStep.Action.NONE);
    }

    @Test
    void refusesToSkipAPhase() {
        given(requestedReplacing("dep-1"));
        givenPhases(DeploymentPhase.GREEN_DEPLOYED);
        assertThatThrownBy(() -> rollout().complete(DeploymentPhase.TRAFFIC_SWITCHED, Map.of(), at(T0)))
                .isInstanceOf(RolloutRefusedException.class).hasMessageContaining("GREEN_VALIDATED next");
    }

    @Test
    void switchesTrafficOnlyAfterGreenIsValidated() {
        given(requestedReplacing("dep-1"));
        givenPhases(DeploymentPhase.GREEN_DEPLOYED);
        RolloutStep step = rollout().nextStep();
        assertThat(step.action()).isEqualTo(RolloutStep.Action.VALIDATE_GREEN);
        // the readiness deadline counts from GREEN_DEPLOYED (second 1), also after a restart
        assertThat(step.notBefore()).isEqualTo(T0.plusSeconds(1 + 120));
        givenPhases(DeploymentPhase.GREEN_VALIDATED);
        assertThat(rollout().nextStep().action()).isEqualTo(RolloutStep.Action.SWITCH_TRAFFIC);
    }

    @Test
    void blueIsCleanedUpOnlyAfterTheScaleDownDelay() {
        given(requestedReplacing("dep-1"));
        givenPhases(DeploymentPhase.GREEN_DEPLOYED, DeploymentPhase.GREEN_VALIDATED, DeploymentPhase.TRAFFIC_SWITCHED);
        RolloutStep step = rollout().nextStep();
        assertThat(step.action()).isEqualTo(RolloutStep.Action.CLEAN_UP_BLUE);
        assertThat(step.notBefore()).isEqualTo(T0.plusSeconds(3 + 60));
    }

    @Test
    void failingBeforeTheSwitchKeepsBlueServingAndAsksForCompensation() {
        given(requestedReplacing("dep-1"));
        givenPhases(DeploymentPhase.GREEN_DEPLOYED);
        DeploymentFailed failed = rollout().fail("green not ready within 120 s", at(T0.plusSeconds(121)));
        assertThat(failed.getFailedPhase()).isEqualTo(DeploymentPhase.GREEN_VALIDATED);
        assertThat(rollout().version()).as("the recorder numbers the failure 3").isEqualTo(2);
        given(failed);
        assertThat(rollout().version()).isEqualTo(3);
        assertThat(rollout().status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(rollout().failureReason()).contains("green not ready within 120 s");
        assertThat(rollout().servingSlot()).contains(DeploymentSlot.BLUE);
        assertThat(rollout().nextStep().action()).isEqualTo(RolloutStep.Action.COMPENSATE);
        assertThatThrownBy(() -> rollout().fail("again", at(T0))).isInstanceOf(RolloutRefusedException.class);
    }

    @Test
    void cannotFailOnceTrafficWasSwitched() {
        given(requestedReplacing("dep-1"));
        givenPhases(DeploymentPhase.GREEN_DEPLOYED, DeploymentPhase.GREEN_VALIDATED, DeploymentPhase.TRAFFIC_SWITCHED);
        assertThatThrownBy(() -> rollout().fail("late", at(T0))).isInstanceOf(RolloutRefusedException.class)
                .hasMessageContaining("roll it back");
    }

    @Test
    void rollsBackToBlueWithinTheScaleDownDelay() {
        given(requestedReplacing("dep-1"));
        givenPhases(DeploymentPhase.GREEN_DEPLOYED, DeploymentPhase.GREEN_VALIDATED, DeploymentPhase.TRAFFIC_SWITCHED);
        DeploymentRolledBack rolledBack = (DeploymentRolledBack) rollout().rollBack("bad numbers", T0.plusSeconds(30), at(T0.plusSeconds(30)));
        assertThat(rolledBack.getRestoredSlot()).isEqualTo(DeploymentSlot.BLUE);
        assertThat(rolledBack.getRestoredDeploymentId()).isEqualTo("dep-1");
        given(rolledBack);
        assertThat(rollout().status()).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(rollout().servingSlot()).contains(DeploymentSlot.BLUE);
        assertThat(rollout().nextStep().action()).isEqualTo(RolloutStep.Action.COMPENSATE);
    }

    @Test
    void refusesRollbackOnceTheScaleDownDelayIsOver() {
        given(requestedReplacing("dep-1"));
        givenPhases(DeploymentPhase.GREEN_DEPLOYED, DeploymentPhase.GREEN_VALIDATED, DeploymentPhase.TRAFFIC_SWITCHED);
        assertThatThrownBy(() -> rollout().rollBack("late", T0.plusSeconds(3 + 60), at(T0.plusSeconds(63))))
                .isInstanceOf(RolloutRefusedException.class).hasMessageContaining("kept until");
    }

    @Test
    void refusesRollbackOfAFinishedDeployment() {
        given(requestedReplacing("dep-1"));
        givenPhases(DeploymentPhase.GREEN_DEPLOYED, DeploymentPhase.GREEN_VALIDATED, DeploymentPhase.TRAFFIC_SWITCHED,
                DeploymentPhase.BLUE_CLEANED_UP);
        assertThat(rollout().status()).isEqualTo(DeploymentStatus.DEPLOYED);
        assertThatThrownBy(() -> rollout().rollBack("x", T0, at(T0))).isInstanceOf(RolloutRefusedException.class)
                .hasMessageContaining("no longer kept");

    }

    /** Issue 12: a first deployment has nothing to go back to; until it is DEPLOYED a rollback aborts it. */
    @Test
    void rollbackOfAFirstDeploymentInProgressAbortsIt() {
        given(Rollout.request("acme", "dep-1", SPEC, Optional.empty(), Optional.empty(), List.of(), at(T0)));
        givenPhases(DeploymentPhase.GREEN_DEPLOYED, DeploymentPhase.GREEN_VALIDATED, DeploymentPhase.TRAFFIC_SWITCHED);

        var aborted = rollout().rollBack("wrong image", T0.plusSeconds(5), at(T0.plusSeconds(5)));
        assertThat(aborted).isInstanceOfSatisfying(DeploymentFailed.class, failed -> {
            assertThat(failed.getReason()).isEqualTo("Aborted: wrong image");
            assertThat(failed.getFailedPhase()).isEqualTo(DeploymentPhase.BLUE_CLEANED_UP);
        });
        given(aborted);
        assertThat(rollout().status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(rollout().nextStep().action()).isEqualTo(RolloutStep.Action.COMPENSATE);
        assertThat(rollout().servingSlot()).as("nothing is left serving: compensation removes it all").isEmpty();
        assertThatThrownBy(() -> rollout().rollBack("again", T0.plusSeconds(6), at(T0.plusSeconds(6))))
                .isInstanceOf(RolloutRefusedException.class).hasMessageContaining("already FAILED");
    }

    @Test
    void rollbackBeforeTheSwitchAbortsGreen() {
        given(requestedReplacing("dep-1"));
        givenPhases(DeploymentPhase.GREEN_DEPLOYED);
        given(rollout().rollBack("abort", T0.plusSeconds(5), at(T0.plusSeconds(5))));
        assertThat(rollout().status()).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(rollout().nextPhase()).isEmpty();
    }

    @Test
    void removingARolloutInProgressStopsItWithoutCompensationAndOnlyOnce() {
        given(requestedReplacing("dep-1"));
        givenPhases(DeploymentPhase.GREEN_DEPLOYED, DeploymentPhase.GREEN_VALIDATED, DeploymentPhase.TRAFFIC_SWITCHED);

        var removed = rollout().remove("data-tenant-acme", at(T0.plusSeconds(10))).orElseThrow();
        given(removed);

        assertThat(removed.getDeploymentId()).isEqualTo("dep-2");
        assertThat(removed.getNamespace()).isEqualTo("data-tenant-acme");
        assertThat(rollout().status()).isEqualTo(DeploymentStatus.REMOVED);
        assertThat(rollout().nextStep().action()).isEqualTo(RolloutStep.Action.NONE);
        assertThat(rollout().servingSlot()).isEmpty();
        assertThat(rollout().remove("data-tenant-acme", at(T0.plusSeconds(11)))).isEmpty();
        assertThatThrownBy(() -> rollout().rollBack("late", T0.plusSeconds(12), at(T0.plusSeconds(12))))
                .isInstanceOf(RolloutRefusedException.class);
    }

    @Test
    void replayRequiresTheRequestFirst() {
        assertThatThrownBy(() -> Rollout.replay(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
