package io.modulardata.infra.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stops a running `infra/platform up` (SIGTERM, then waits for it to stop everything it started).")
final class DownCommand implements Callable<Integer> {

    /** Enough for `up` to stop four services, the console and three servers with their own grace periods. */
    private static final long STOP_TIMEOUT_SECONDS = 120;

    @Option(names = "--purge", description = "Then delete the data folder (databases, Kafka data, keys, logs).")
    boolean purge;

    @Override
    public Integer call() throws Exception {
        PlatformSettings settings = PlatformSettings.fromEnvironment(System.getenv());
        PidFile pidFile = new PidFile(settings.dataDir());
        var running = pidFile.runningProcess();
        if (running.isPresent()) {
            stop(running.get());
            pidFile.delete();
        } else {
            System.out.println("The platform is not running (no live process in " + pidFile.path() + ").");
        }
        if (purge) {
            DataDir.purge(settings.dataDir());
            System.out.println("Deleted " + settings.dataDir());
        }
        return 0;
    }

    private static void stop(ProcessHandle up) throws Exception {
        System.out.print("Stopping the platform (pid " + up.pid() + ") ... ");
        System.out.flush();
        var children = up.descendants().toList();
        up.destroy();
        try {
            up.onExit().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            System.out.println("ok");
        } catch (TimeoutException e) {
            // `up` did not finish its own shutdown: kill it and whatever it had started.
            children.forEach(ProcessHandle::destroyForcibly);
            up.destroyForcibly();
            System.out.println("killed after " + STOP_TIMEOUT_SECONDS + " s");
        }
    }
}
