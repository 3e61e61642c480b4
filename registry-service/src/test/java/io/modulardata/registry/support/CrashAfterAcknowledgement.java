package io.modulardata.registry.support;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.modulardata.kit.outbox.OutboxRelay;
import io.modulardata.kit.outbox.RelayCheckpoint;
import io.smallrye.mutiny.Uni;

/**
 * The relay's checkpoint in this module's tests: passes through, unless armed, when the next relay run
 * dies right after Kafka acknowledged its batch and before the rows were deleted. The run's transaction
 * rolls back (the rows stay, as PostgreSQL keeps them for a killed process) and the relay stops until
 * it is resumed, as a restarted process would start it.
 */
@ApplicationScoped
public class CrashAfterAcknowledgement extends RelayCheckpoint {

    /** What a kill looks like from inside the relay: nothing after it happens. */
    public static final class Killed extends RuntimeException {
        Killed() {
            super("killed after Kafka acknowledged the batch", null, false, false);
        }
    }

    private final Instance<OutboxRelay> relay;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicBoolean killed = new AtomicBoolean();

    public CrashAfterAcknowledgement(Instance<OutboxRelay> relay) {
        this.relay = relay;
    }

    /** The next relay run dies after the acknowledgement. */
    public void arm() {
        killed.set(false);
        armed.set(true);
    }

    /** Whether the armed run has died. */
    public boolean hasKilled() {
        return killed.get();
    }

    @Override
    public Uni<Void> acknowledged(List<Long> rowIds) {
        if (armed.compareAndSet(true, false)) {
            relay.get().pause();
            killed.set(true);
            return Uni.createFrom().failure(new Killed());
        }
        return super.acknowledged(rowIds);
    }
}
