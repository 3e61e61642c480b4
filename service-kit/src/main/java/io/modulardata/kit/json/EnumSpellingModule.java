package io.modulardata.kit.json;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.EnumDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

/** Lets every plain enum in a request body be spelled as {@link EnumSpellings} allows. */
public class EnumSpellingModule extends SimpleModule {

    public EnumSpellingModule() {
        super("enum-spellings");
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                    BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
                // An enum with a @JsonCreator of its own keeps its own rules.
                return deserializer instanceof EnumDeserializer ? new EnumSpellingDeserializer(deserializer) : deserializer;
            }
        });
    }
}
