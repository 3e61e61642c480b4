package io.modulardata.kit.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;

/**
 * Reads a JSON string as an enum in any of its {@link EnumSpellings}; anything else (a number, an array)
 * goes to Jackson's own enum deserializer, which the strict settings make refuse it.
 */
final class EnumSpellingDeserializer extends DelegatingDeserializer {

    EnumSpellingDeserializer(JsonDeserializer<?> standard) {
        super(standard);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
        return new EnumSpellingDeserializer(newDelegatee);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!p.hasToken(JsonToken.VALUE_STRING)) {
            return _delegatee.deserialize(p, ctxt);
        }
        Class<?> type = handledType();
        String text = p.getText();
        Enum<?> value = EnumSpellings.find(type, text);
        // An unknown value fails as Jackson's own would (InvalidFormatException), which the problem mapper names.
        return value != null ? value : ctxt.handleWeirdStringValue(type, text, "not one of the values accepted for Enum class");
    }
}
