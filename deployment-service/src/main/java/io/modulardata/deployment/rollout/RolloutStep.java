package io.modulardata.deployment.rollout;

import java.time.Instant;

/**
 * What the executor has to do next for a rollout, derived from its events alone (so a restarted
 * service continues where the killed one stopped).
 *
 * @param action  the next action
 * @param notBefore for {@link Action#CLEAN_UP_BLUE}: when blue may be deleted; for
 *                  {@link Action#VALIDATE_GREEN}: the readiness deadline
 */
public record RolloutStep(Action action, Instant notBefore) {

    public enum Action {
        /** Create or update namespace, service account, the idle slot's Deployment, the Service and the HPA. */
        DEPLOY_GREEN,
        /** Wait until green is ready, until the deadline; past it the rollout fails. */
        VALIDATE_GREEN,
        /** Point the Service selector at green. */
        SWITCH_TRAFFIC,
        /** After the scale-down delay, delete the previous slot's Deployment. */
        CLEAN_UP_BLUE,
        /** Failed or rolled back: make sure green is gone and the Service selects the restored slot. */
        COMPENSATE,
        /** Nothing left to do. */
        NONE
    }

    static RolloutStep of(Action action) {
        return new RolloutStep(action, null);
    }
}
