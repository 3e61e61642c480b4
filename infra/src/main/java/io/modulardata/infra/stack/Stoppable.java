package io.modulardata.infra.stack;

/** Something the stack started and must stop again. */
public interface Stoppable {

    String name();

    /** Stops it; does nothing if it has already stopped. */
    void stop();
}
