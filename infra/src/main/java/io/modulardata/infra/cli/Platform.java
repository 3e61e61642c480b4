package io.modulardata.infra.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code infra/platform}: runs the whole platform locally, without containers. */
@Command(name = "infra/platform", mixinStandardHelpOptions = true,
        description = "Runs the Modular Data Platform locally: PostgreSQL, Kafka, Apicurio Registry and the services.",
        subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class, TokenCommand.class})
public final class Platform implements Runnable {

    // Held here because java.util.logging keeps loggers only weakly.
    private static final Logger ROOT_LOGGER = Logger.getLogger("");

    public static void main(String[] args) {
        quietLibraryLogging();
        CommandLine commandLine = new CommandLine(new Platform())
                .setExecutionExceptionHandler((exception, line, parseResult) -> {
                    // Our exceptions carry messages meant for the user; stack traces are not.
                    line.getErr().println("error: " + exception.getMessage());
                    return 1;
                });
        System.exit(commandLine.execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The CLI reports progress itself; libraries (Kafka client, zonky) speak up only about real problems. */
    private static void quietLibraryLogging() {
        ROOT_LOGGER.setLevel(Level.SEVERE);
        for (var handler : ROOT_LOGGER.getHandlers()) {
            handler.setLevel(Level.SEVERE);
        }
    }
}
