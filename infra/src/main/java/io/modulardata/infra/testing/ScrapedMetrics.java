package io.modulardata.infra.testing;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Prometheus text scrape, for tests that check what a service exports: {@code value(name, labels)} is the
 * sample of that metric whose labels include all the given ones.
 */
public final class ScrapedMetrics {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String text;

    public ScrapedMetrics(String text) {
        this.text = text;
    }

    /** The value of the first sample named {@code name} carrying every label in {@code labels}; empty if none. */
    public OptionalDouble value(String name, Map<String, String> labels) {
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.find() || !sample.group(1).equals(name)) {
                continue;
            }
            if (hasLabels(sample.group(3) == null ? "" : sample.group(3), labels)) {
                return OptionalDouble.of(Double.parseDouble(sample.group(4)));
            }
        }
        return OptionalDouble.empty();
    }

    public OptionalDouble value(String name) {
        return value(name, Map.of());
    }

    private static boolean hasLabels(String labelText, Map<String, String> wanted) {
        Map<String, String> found = new java.util.HashMap<>();
        Matcher label = LABEL.matcher(labelText);
        while (label.find()) {
            found.put(label.group(1), label.group(2));
        }
        return wanted.entrySet().stream().allMatch(entry -> entry.getValue().equals(found.get(entry.getKey())));
    }

    @Override
    public String toString() {
        return text;
    }
}
