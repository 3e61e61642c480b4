package io.modulardata.kit.projection;

import org.apache.avro.specific.SpecificRecordBase;

/**
 * Reads an event the log holds in an older form as the event the projections know today, so a replay of
 * an old log rebuilds the same state as the live projections built. Projections then know one form only.
 */
public interface EventUpcaster {

    /** The event in its current form, or {@code stored} itself when it is not an old form this upcaster knows. */
    SpecificRecordBase upcast(SpecificRecordBase stored);
}
