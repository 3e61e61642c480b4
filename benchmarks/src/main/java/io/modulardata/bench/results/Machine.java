package io.modulardata.bench.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One line naming the machine, so a figure is never read without where it was measured. */
public final class Machine {

    private Machine() {
    }

    public static String describe() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .findFirst().map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException e) {
            // Not Linux: the rest of the line still says enough.
        }
        return "%d cores (%s), %d MB max heap for the measuring JVM, Java %s, %s %s".formatted(
                Runtime.getRuntime().availableProcessors(), cpu, Runtime.getRuntime().maxMemory() >> 20,
                Runtime.version(), System.getProperty("os.name"), System.getProperty("os.version"));
    }
}
