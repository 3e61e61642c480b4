package io.modulardata.console.ingest;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the topics are read up to where they ended at start: before that the views are incomplete. */
@Readiness
public class CatchUpHealthCheck implements HealthCheck {

    private final CatchUp catchUp;

    public CatchUpHealthCheck(CatchUp catchUp) {
        this.catchUp = catchUp;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Platform topics read to their end").status(catchUp.caughtUp()).build();
    }
}
