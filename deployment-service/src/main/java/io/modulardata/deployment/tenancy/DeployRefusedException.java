package io.modulardata.deployment.tenancy;

/** Thrown by {@link DeployRules}; the service answers it as problem+json. */
public class DeployRefusedException extends RuntimeException {

    private final transient DeployRefusal refusal;

    public DeployRefusedException(DeployRefusal refusal) {
        super(refusal.detail(), null, false, false);
        this.refusal = refusal;
    }

    public DeployRefusal refusal() {
        return refusal;
    }
}
