package io.modulardata.console.platform;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/** A query string built from the parameters that have a value. */
public final class Query {

    private final StringJoiner parts = new StringJoiner("&", "?", "").setEmptyValue("");

    public static Query of() {
        return new Query();
    }

    public Query add(String name, String value) {
        if (value != null && !value.isBlank()) {
            parts.add(name + "=" + URLEncoder.encode(value.trim(), StandardCharsets.UTF_8));
        }
        return this;
    }

    @Override
    public String toString() {
        return parts.toString();
    }
}
