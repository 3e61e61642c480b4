package io.modulardata.kit.problem;

/** One invalid field of a request: its JSON path (e.g. {@code allowedDataEnvironments[1]}) and what is wrong. */
public record FieldError(String field, String message) {
}
