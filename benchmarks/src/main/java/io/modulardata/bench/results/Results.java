package io.modulardata.bench.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every figure of one benchmark run, written as JSON (for tools) and Markdown (for people). Shared by
 * the platform benchmarks and the audit-ingest and Fernet benchmarks of the services.
 */
public final class Results {

    private final Map<String, Figure> figures = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final Instant startedAt = Instant.now();

    /**
     * Where results go: {@code benchmarks/results} of the repository ({@code modulardata.repo.root},
     * by default the parent of the working folder, which is a module's folder under Maven).
     */
    public static Path defaultDir() {
        return Path.of(System.getProperty("modulardata.repo.root", "..")).toAbsolutePath().normalize()
                .resolve("benchmarks/results");
    }

    public Figure figure(String benchmark, String name, String unit, Double target, boolean lowerIsBetter) {
        return figures.computeIfAbsent(benchmark + "/" + name,
                key -> new Figure(benchmark, name, unit, target, lowerIsBetter));
    }

    public void note(String text) {
        notes.add(text);
        System.out.println("note: " + text);
    }

    public void print() {
        System.out.println(markdown());
    }

    /** Writes {@code <name>-<time>.json} and {@code .md} into {@code dir}; returns the Markdown file. */
    public Path write(Path dir, String name, String title, String machine) {
        String stem = name + "-" + startedAt.toString().replace(':', '-');
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(stem + ".json"), json(machine));
            Path markdown = dir.resolve(stem + ".md");
            Files.writeString(markdown, "# " + title + ", " + startedAt + "\n\nMachine: " + machine + "\n\n" + markdown());
            return markdown;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the results into " + dir, e);
        }
    }

    public String markdown() {
        StringBuilder text = new StringBuilder("| benchmark | figure | median | runs | target | |\n| --- | --- | --- | --- | --- | --- |\n");
        for (Figure figure : figures.values()) {
            text.append(String.format(Locale.ROOT, "| %s | %s | %s %s | %s | %s | %s |%n", figure.benchmark, figure.name,
                    format(figure.median()), figure.unit, figure.runs.stream().map(Results::format).toList(),
                    figure.target == null ? "" : (figure.lowerIsBetter ? "< " : "≥ ") + format(figure.target) + " " + figure.unit,
                    figure.verdict()));
        }
        notes.forEach(note -> text.append("\n- ").append(note));
        return text.append('\n').toString();
    }

    private String json(String machine) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode().put("startedAt", startedAt.toString()).put("machine", machine);
        ArrayNode list = root.putArray("figures");
        for (Figure figure : figures.values()) {
            ObjectNode node = list.addObject().put("benchmark", figure.benchmark).put("name", figure.name)
                    .put("unit", figure.unit).put("median", figure.median()).put("verdict", figure.verdict());
            if (figure.target != null) {
                node.put("target", figure.target).put("lowerIsBetter", figure.lowerIsBetter);
            }
            figure.runs.forEach(node.putArray("runs")::add);
        }
        notes.forEach(root.putArray("notes")::add);
        return mapper.writeValueAsString(root);
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e12
                ? String.format(Locale.ROOT, "%,d", (long) value)
                : String.format(Locale.ROOT, Math.abs(value) < 0.1 ? "%.3f" : "%,.2f", value);
    }
}
