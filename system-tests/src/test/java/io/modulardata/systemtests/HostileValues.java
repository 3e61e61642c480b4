package io.modulardata.systemtests;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hostile values of the battery, by what they are sent as. JSON values are raw JSON text, so they can
 * hold what no Java value can (a lone surrogate as the escape {@code \ud800}, 1e400, a 20-digit integer).
 *
 * <p>Free text (names, descriptions, reasons) accepts any well-formed Unicode, so emoji, right-to-left
 * overrides, combining characters and injection-shaped text are legitimate there and are only tried on
 * ids, enums and other patterned values; for free text the hostile values are NUL, other control
 * characters and lone surrogates, which cannot be stored as text.
 *
 * <p>An empty query value counts as an absent one (the default applies), so it is not tried. Query values
 * stay under 4,096 bytes per request line: above that Vert.x answers 414 itself, before any service code.
 */
final class HostileValues {

    static final String SQL = "' OR 1=1 --";
    static final String TRAVERSAL = "../../etc/passwd";
    static final String JNDI = "${jndi:ldap://x}";
    static final String SCRIPT = "<script>alert(1)</script>";

    private HostileValues() {
    }

    /** Injection-shaped and unicode-edge strings, as Java text; each is invalid for any id or enum. */
    static Map<String, String> idStrings() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("SQL injection", SQL);
        values.put("path traversal", TRAVERSAL);
        values.put("JNDI lookup", JNDI);
        values.put("script tag", SCRIPT);
        values.put("CRLF", "a\r\nX-Injected: 1");
        values.put("NUL", "a\u0000b");
        values.put("RTL override", "abc\u202Edef");
        values.put("emoji", "\uD83D\uDE00");
        values.put("combining chars", "e\u0301\u0301\u0301");
        values.put("blank", " ");
        values.put("2,000 chars", "a".repeat(2000));
        return values;
    }

    /** Raw JSON values every patterned string field (id, version, enum, pattern) must refuse. */
    static Map<String, String> idJson() {
        Map<String, String> values = new LinkedHashMap<>();
        idStrings().forEach((name, value) -> values.put(name, quote(value)));
        values.put("empty string", "\"\"");
        values.put("lone surrogate", "\"a\\ud800b\"");
        return values;
    }

    /** Raw JSON values a patterned field read on a hot path must refuse at once, a 100,000-character one too. */
    static Map<String, String> cappedJson() {
        Map<String, String> values = idJson();
        values.put("100,000 chars", quote("a".repeat(100_000)));
        return values;
    }

    /**
     * Raw JSON values no literal IP address field takes. 100,000 characters an IPv6 address may hold, then one
     * it may not, kept a service's event loop busy for minutes under a backtracking regular expression (issue 11).
     */
    static Map<String, String> addressJson() {
        Map<String, String> values = cappedJson();
        values.put("100,000 colons then x", quote(":".repeat(100_000) + "x"));
        values.put("100,000 hex groups then x", quote("1:".repeat(50_000) + "x"));
        values.put("46 characters", quote("0000:0000:0000:0000:0000:ffff:192.168.100.1000"));
        values.put("host name", quote("localhost"));
        values.put("zone id", quote("fe80::1%eth0"));
        values.put("leading zero", quote("010.0.0.1"));
        values.put("two gaps", quote("1::2::3"));
        return values;
    }

    /** Raw JSON lists no list of CIDRs takes. */
    static Map<String, String> cidrListJson() {
        Map<String, String> values = new LinkedHashMap<>();
        addressJson().forEach((name, value) -> values.put("element " + name, "[" + value + "]"));
        values.put("element 100,000 colons then x/8", "[" + quote(":".repeat(100_000) + "x/8") + "]");
        values.put("element prefix too long", "[\"10.0.0.0/33\"]");
        values.put("null element", "[null]");
        values.put("number element", "[5]");
        values.put("101 elements", "[" + String.join(",", java.util.Collections.nCopies(101, "\"10.0.0.0/8\"")) + "]");
        return values;
    }

    /** Raw JSON values that no free-text field may store. */
    static Map<String, String> textJson() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("NUL", "\"a\\u0000b\"");
        values.put("lone surrogate", "\"a\\ud800b\"");
        values.put("lone low surrogate", "\"\\udc00\"");
        return values;
    }

    /** Raw JSON numbers no count, size or duration held in an int takes. */
    static Map<String, String> badIntegers() {
        Map<String, String> values = badLongs();
        values.put("int overflow", "2147483648");
        return values;
    }

    /** Raw JSON numbers no count or duration held in a long takes. */
    static Map<String, String> badLongs() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("negative", "-1");
        values.put("20-digit integer", "99999999999999999999");
        values.put("fraction", "1.5");
        values.put("1e400", "1e400");
        values.put("very negative", "-9223372036854775809");
        return values;
    }

    /** Raw JSON numbers no cpu, memory or storage amount takes. */
    static Map<String, String> badDecimals() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("negative", "-1.0");
        values.put("1e400 (infinity)", "1e400");
        values.put("huge", "1e300");
        values.put("tiny", "1e-300");
        return values;
    }

    /** Wrong JSON types for a field of the given JSON type (string, integer, number, boolean, array, object). */
    static Map<String, String> wrongTypes(String jsonType) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("string", "\"5\"");
        all.put("integer", "12345");
        all.put("number", "1.25");
        all.put("boolean", "true");
        all.put("array", "[]");
        all.put("object", "{}");
        Map<String, String> wrong = new LinkedHashMap<>();
        all.forEach((type, json) -> {
            boolean sameKind = type.equals(jsonType) || (jsonType.equals("number") && type.equals("integer"));
            if (!sameKind) {
                wrong.put(type + " instead of " + jsonType, json);
            }
        });
        return wrong;
    }

    /** Hostile path segments, already percent-encoded as they go on the wire. */
    static Map<String, String> pathSegments() {
        Map<String, String> values = new LinkedHashMap<>();
        idStrings().forEach((name, value) -> values.put(name, encode(value)));
        values.put("uppercase", "ALPHA");
        values.put("encoded slashes", "..%2F..%2Fetc%2Fpasswd");
        values.put("encoded dot segment", "%2e%2e");
        values.put("percent-encoded NUL", "%00");
        values.put("invalid UTF-8", "%C3%28");
        values.put("double-encoded slash", "%252F");
        return values;
    }

    /** Hostile query values (not yet encoded) for a given kind of parameter. */
    static Map<String, String> queryValues(QueryParam.Kind kind) {
        Map<String, String> values = new LinkedHashMap<>();
        switch (kind) {
            case ID, ENUM -> {
                values.putAll(idStrings());
                values.put("uppercase", "ALPHA");
            }
            case FILTER -> {
                values.putAll(idStrings());
                values.put("257 chars", "a".repeat(257));
            }
            case INSTANT -> {
                values.put("word", "yesterday");
                values.put("month 13", "2026-13-45T00:00:00Z");
                values.put("date without time", "2026-01-01");
                values.put("far future", "+999999999-12-31T23:59:59Z");
                values.put("far past", "-999999999-01-01T00:00:00Z");
                values.put("SQL injection", SQL);
                values.put("NUL", "2026-01-01T00:00:00Z\u0000");
            }
            case SEQUENCE_OR_INSTANT -> {
                values.put("word", "yesterday");
                values.put("month 13", "2026-13-45T00:00:00Z");
                values.put("negative", "-1");
                values.put("20-digit number", "99999999999999999999");
                values.put("far future", "+999999999-12-31T23:59:59Z");
                values.put("SQL injection", SQL);
            }
            case LIMIT -> {
                values.put("negative", "-1");
                values.put("zero", "0");
                values.put("above 500", "501");
                values.put("20 digits", "99999999999999999999");
                values.put("word", "abc");
                values.put("fraction", "1.5");
            }
            case CURSOR -> {
                values.put("garbage", "garbage");
                values.put("SQL injection", SQL);
                values.put("base64 of junk", "e30=");
                values.put("3,000 chars", "A".repeat(3000));
                values.put("NUL", "\u0000");
            }
        }
        return values;
    }

    static String quote(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    /** Percent-encodes for a path segment or query value (space as %20, never +). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
