package io.modulardata.kit.json;

import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How the API reads an enum value: in our spelling ({@code DISASTER_RECOVERY}, {@code internal}) and in the
 * original platform's (its Python enums wrote {@code disaster_recovery}), in any letter case, with '-', '_'
 * and ' ' as the same separator. Only ASCII letters, digits and those separators can spell a value, so
 * look-alikes such as the dotless i (which upper-cases to I) stay unknown. Answers and events keep ours.
 */
public final class EnumSpellings {

    private EnumSpellings() {
    }

    /** The constant of {@code type} that {@code text} spells, compared with its name and its JSON form (toString). */
    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
        return Optional.ofNullable(type.cast(find(type, text)));
    }

    /** The same for a type known only at run time (Jackson's); null when {@code text} spells none. */
    static Enum<?> find(Class<?> type, String text) {
        String key = key(text);
        if (key == null) {
            return null;
        }
        for (Object constant : type.getEnumConstants()) {
            Enum<?> value = (Enum<?>) constant;
            if (key.equals(key(value.name())) || key.equals(key(value.toString()))) {
                return value;
            }
        }
        return null;
    }

    /** For enums kept as strings ("cpu", "persistent"): the canonical value that {@code text} spells. */
    public static Optional<String> canonical(String text, Collection<String> canonicalValues) {
        String key = key(text);
        return key == null ? Optional.empty() : canonicalValues.stream().filter(value -> key.equals(key(value))).findFirst();
    }

    /** The canonical values of {@code type} for an error message: "public, internal, confidential, restricted". */
    public static String choices(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    }

    /** What two spellings of one value have in common; null for text that spells no value. */
    static String key(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        StringBuilder key = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'a' && c <= 'z') {
                key.append((char) (c - 'a' + 'A'));
            } else if (c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
                key.append(c);
            } else if (c == '-' || c == ' ') {
                key.append('_');
            } else {
                return null;
            }
        }
        return key.toString();
    }
}
