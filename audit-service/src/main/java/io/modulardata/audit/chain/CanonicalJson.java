package io.modulardata.audit.chain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one byte form of a JSON value that hashes and signatures are computed over: UTF-8, no
 * whitespace, object members sorted by name (Java {@code String} order, i.e. UTF-16 code units),
 * strings escaped as Jackson writes them (only {@code "}, {@code \} and control characters), integers
 * in plain decimal, other numbers in plain decimal without trailing fractional zeros ({@code 2.50} is
 * {@code 2.5}, {@code 2.0} is {@code 2}). PostgreSQL's jsonb keeps values but not member order or
 * number spelling, so a payload read back from the database has the same canonical bytes.
 */
public final class CanonicalJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private CanonicalJson() {
    }

    public static byte[] bytes(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String string(JsonNode node) {
        return new String(bytes(node), java.nio.charset.StandardCharsets.UTF_8);
    }

    static void write(JsonGenerator generator, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>(node.size());
                Iterator<String> it = node.fieldNames();
                it.forEachRemaining(names::add);
                names.sort(null);
                generator.writeStartObject();
                for (String name : names) {
                    generator.writeFieldName(name);
                    write(generator, node.get(name));
                }
                generator.writeEndObject();
            }
            case ARRAY -> {
                generator.writeStartArray();
                for (JsonNode element : node) {
                    write(generator, element);
                }
                generator.writeEndArray();
            }
            case STRING -> generator.writeString(node.textValue());
            case BOOLEAN -> generator.writeBoolean(node.booleanValue());
            case NUMBER -> generator.writeNumber(number(node));
            case NULL, MISSING -> generator.writeNull();
            case BINARY -> generator.writeString(java.util.Base64.getEncoder().encodeToString(node.binaryValue()));
            default -> generator.writeString(node.asText());
        }
    }

    private static String number(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        BigDecimal value = node.decimalValue().stripTrailingZeros();
        return value.signum() == 0 ? "0" : value.toPlainString();
    }
}
