package io.modulardata.kit.projection;

import org.apache.avro.specific.SpecificRecordBase;

import io.smallrye.mutiny.Uni;

/**
 * Applies events to one read model. Commands apply their new events through the same projection a
 * replay uses, so a rebuilt read model equals the live one.
 */
public interface Projection {

    /** Whether this projection reacts to the event. */
    boolean handles(SpecificRecordBase event);

    /** Changes the read model, inside the caller's transaction. */
    Uni<Void> apply(SpecificRecordBase event);

    /** Empties the read model before a replay. */
    Uni<Void> reset();
}
