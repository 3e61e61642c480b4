package io.modulardata.console.overview;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads the Prometheus text format: each sample's value summed over its labels per metric name
 * ({@code _max} samples keep their largest), comments skipped.
 */
final class PrometheusText {

    private PrometheusText() {
    }

    static Map<String, Double> sums(String text) {
        Map<String, Double> values = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int nameEnd = indexOfAny(line, '{', ' ');
            int valueStart = line.lastIndexOf(' ');
            if (nameEnd <= 0 || valueStart <= 0) {
                continue;
            }
            String name = line.substring(0, nameEnd);
            // "name{labels} value [timestamp]": the value is the first field after the labels
            String rest = line.substring(line.indexOf('}') > 0 ? line.indexOf('}') + 1 : nameEnd).trim();
            String number = rest.split("\\s+")[0];
            double value;
            try {
                value = Double.parseDouble(number);
            } catch (NumberFormatException e) {
                continue;
            }
            values.merge(name, value, name.endsWith("_max") ? Math::max : Double::sum);
        }
        return values;
    }

    private static int indexOfAny(String line, char first, char second) {
        int a = line.indexOf(first);
        int b = line.indexOf(second);
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }
}
