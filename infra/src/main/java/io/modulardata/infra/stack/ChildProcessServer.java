package io.modulardata.infra.stack;

/**
 * A server that is one {@link ChildProcess}: it is named after that process and stopping it stops the
 * process, so the servers only add how they start and when they are ready.
 */
public abstract class ChildProcessServer implements Stoppable {

    private final ChildProcess process;

    protected ChildProcessServer(ChildProcess process) {
        this.process = process;
    }

    protected ChildProcess process() {
        return process;
    }

    @Override
    public final String name() {
        return process.name();
    }

    @Override
    public final void stop() {
        process.stop();
    }
}
