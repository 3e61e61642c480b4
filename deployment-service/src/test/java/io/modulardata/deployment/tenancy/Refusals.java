package io.modulardata.deployment.tenancy;

/** Runs a rule check that must refuse, and gives its refusal. */
final class Refusals {

    private Refusals() {
    }

    static DeployRefusal of(Runnable check) {
        try {
            check.run();
        } catch (DeployRefusedException e) {
            return e.refusal();
        }
        throw new AssertionError("not refused");
    }
}
