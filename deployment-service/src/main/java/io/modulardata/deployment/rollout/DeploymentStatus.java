package io.modulardata.deployment.rollout;

/** Status of a deployment as the API reports it. */
public enum DeploymentStatus {
    /** Accepted; the rollout has not acted on the cluster yet. */
    REQUESTED,
    /** Green is being deployed, validated, switched to, or blue is waiting for its clean-up. */
    DEPLOYING,
    /** Green serves all traffic and blue is gone. */
    DEPLOYED,
    /** Green never became ready (or could not be created); blue kept serving. */
    FAILED,
    /** Traffic went back to the previous deployment. */
    ROLLED_BACK,
    /** Its tenant was offboarded: the tenant namespace, and the deployment's objects with it, were deleted. */
    REMOVED;

    public boolean isFinished() {
        return this == DEPLOYED || this == FAILED || this == ROLLED_BACK || this == REMOVED;
    }
}
