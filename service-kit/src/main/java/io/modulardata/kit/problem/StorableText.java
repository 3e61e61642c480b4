package io.modulardata.kit.problem;

/**
 * Text PostgreSQL can store and compare: it refuses NUL in text outright (the request would fail with a
 * 500), and an unpaired UTF-16 surrogate has no UTF-8 form (it would be stored as '?', silently changed).
 */
public final class StorableText {

    public static final String PROBLEM = "must not contain NUL characters or unpaired surrogates";

    private StorableText() {
    }

    public static boolean isStorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000' || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }
}
