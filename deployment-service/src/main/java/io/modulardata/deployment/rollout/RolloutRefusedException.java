package io.modulardata.deployment.rollout;

/** A command that the rollout's current state does not allow (answered as 409). */
public class RolloutRefusedException extends RuntimeException {

    public RolloutRefusedException(String message) {
        super(message, null, false, false);
    }
}
