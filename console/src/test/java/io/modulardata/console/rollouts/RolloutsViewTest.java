package io.modulardata.console.rollouts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.modulardata.console.signin.Scope;
import io.modulardata.console.support.Events;
import io.modulardata.events.DeploymentPhase;

class RolloutsViewTest {

    private final RolloutsView view = new RolloutsView();

    @Test
    void phasesTickInOrderAndTheRolloutEndsDeployed() {
        view.apply(Events.decoded("deployment-events", Events.deploymentRequested("acme", "d-1", "etl-core", "2.1.0", null)));
        assertThat(steps("d-1")).isEqualTo("GREEN_DEPLOYED:current GREEN_VALIDATED:pending TRAFFIC_SWITCHED:pending BLUE_CLEANED_UP:pending");
        assertThat(view.find("d-1", Scope.everything()).orElseThrow().status()).isEqualTo("REQUESTED");

        view.apply(Events.decoded("deployment-events", Events.phase("acme", "d-1", DeploymentPhase.GREEN_DEPLOYED, 2)));
        view.apply(Events.decoded("deployment-events", Events.phase("acme", "d-1", DeploymentPhase.GREEN_VALIDATED, 3)));
        assertThat(steps("d-1")).isEqualTo("GREEN_DEPLOYED:done GREEN_VALIDATED:done TRAFFIC_SWITCHED:current BLUE_CLEANED_UP:pending");
        assertThat(view.inProgress(Scope.everything())).extracting(Rollout::deploymentId).containsExactly("d-1");

        view.apply(Events.decoded("deployment-events", Events.phase("acme", "d-1", DeploymentPhase.TRAFFIC_SWITCHED, 4)));
        view.apply(Events.decoded("deployment-events", Events.phase("acme", "d-1", DeploymentPhase.BLUE_CLEANED_UP, 5)));
        view.apply(Events.decoded("deployment-events", Events.succeeded("acme", "d-1", "etl-core-2.1.0")));

        Rollout done = view.find("d-1", Scope.everything()).orElseThrow();
        assertThat(done.status()).isEqualTo("DEPLOYED");
        assertThat(done.finishedAt()).isNotNull();
        assertThat(view.inProgress(Scope.everything())).isEmpty();
        assertThat(view.usage("acme").busyComponents()).containsExactly("etl-core");
        assertThat(view.usage("acme").storageGb()).isEqualTo(20.0);
    }

    @Test
    void aRollbackLeavesThePreviousDeploymentLiveAndSkipsTheRestOfTheTimeline() {
        view.apply(Events.decoded("deployment-events", Events.deploymentRequested("acme", "d-1", "etl-core", "2.1.0", null)));
        view.apply(Events.decoded("deployment-events", Events.succeeded("acme", "d-1", "etl-core-2.1.0")));
        view.apply(Events.decoded("deployment-events", Events.deploymentRequested("acme", "d-2", "etl-core", "2.2.0", "d-1")));
        view.apply(Events.decoded("deployment-events", Events.phase("acme", "d-2", DeploymentPhase.GREEN_DEPLOYED, 2)));
        assertThat(view.find("d-2", Scope.everything()).orElseThrow().canRollBack()).isTrue();

        view.apply(Events.decoded("deployment-events", Events.rolledBack("acme", "d-2", "d-1")));

        Rollout rolledBack = view.find("d-2", Scope.everything()).orElseThrow();
        assertThat(rolledBack.status()).isEqualTo("ROLLED_BACK");
        assertThat(rolledBack.canRollBack()).isFalse();
        assertThat(steps("d-2")).isEqualTo("GREEN_DEPLOYED:done GREEN_VALIDATED:skipped TRAFFIC_SWITCHED:skipped BLUE_CLEANED_UP:skipped");
        assertThat(rolledBack.outcome()).contains("wrong numbers");
    }

    @Test
    void anotherTenantsRolloutIsNotFound() {
        view.apply(Events.decoded("deployment-events", Events.deploymentRequested("globex", "d-9", "etl-core", "1.0.0", null)));

        assertThat(view.find("d-9", Scope.tenant("acme"))).isEmpty();
        assertThat(view.list(Scope.tenant("acme"), null)).isEmpty();
        assertThat(view.inProgress(Scope.tenant("acme"))).isEmpty();
    }

    private String steps(String deploymentId) {
        return String.join(" ", view.find(deploymentId, Scope.everything()).orElseThrow().steps().stream()
                .map(step -> step.name() + ":" + step.state()).toList());
    }
}
