package io.modulardata.console.ingest;

/**
 * A view the console keeps in memory from the events it reads. Called on the ingest thread, once per
 * event (copies with an eventId already seen never reach it), in topic order per partition.
 */
public interface Projection {

    void apply(PlatformEvent event);
}
