package io.modulardata.systemtests;

/**
 * A field of a JSON body: its path in the sample body ({@code container.cpuCores}, {@code items[0].data}),
 * its JSON type, whether it is required, and which hostile values it must refuse.
 */
record BodyField(String path, String jsonType, boolean required, Values values) {

    enum Values {
        /** Only wrong types (and null/missing when required): any value of the right type may be legitimate. */
        TYPE_ONLY,
        /** An id, version, enum or other patterned string: injection-shaped and unicode-edge strings too. */
        PATTERNED,
        /** Free text: NUL and lone surrogates too. */
        TEXT,
        /** A count, size or duration (a Java int): negative, fractional and out-of-range numbers too. */
        COUNT,
        /** A duration held in a Java long: negative, fractional and out-of-range numbers too. */
        LONG_COUNT,
        /** A cpu, memory or storage amount: negative, infinite and absurd decimals too. */
        AMOUNT,
        /** A list of patterned strings: hostile elements too. */
        PATTERNED_LIST,
        /** A patterned string read on a hot path: a 100,000-character value too, which must be refused at once. */
        CAPPED,
        /** A literal IP address: what is not one, and a 100,000-character value that once froze a service. */
        ADDRESS,
        /** A list of CIDRs: hostile and pathological elements, and too many of them. */
        CIDR_LIST
    }

    static BodyField patterned(String path, boolean required) {
        return new BodyField(path, "string", required, Values.PATTERNED);
    }

    static BodyField capped(String path, boolean required) {
        return new BodyField(path, "string", required, Values.CAPPED);
    }

    static BodyField address(String path, boolean required) {
        return new BodyField(path, "string", required, Values.ADDRESS);
    }

    static BodyField cidrs(String path, boolean required) {
        return new BodyField(path, "array", required, Values.CIDR_LIST);
    }

    static BodyField text(String path, boolean required) {
        return new BodyField(path, "string", required, Values.TEXT);
    }

    static BodyField opaque(String path, boolean required) {
        return new BodyField(path, "string", required, Values.TYPE_ONLY);
    }

    static BodyField count(String path, boolean required) {
        return new BodyField(path, "integer", required, Values.COUNT);
    }

    static BodyField longCount(String path, boolean required) {
        return new BodyField(path, "integer", required, Values.LONG_COUNT);
    }

    static BodyField amount(String path, boolean required) {
        return new BodyField(path, "number", required, Values.AMOUNT);
    }

    static BodyField bool(String path, boolean required) {
        return new BodyField(path, "boolean", required, Values.TYPE_ONLY);
    }

    static BodyField list(String path, boolean required) {
        return new BodyField(path, "array", required, Values.PATTERNED_LIST);
    }

    static BodyField anyList(String path, boolean required) {
        return new BodyField(path, "array", required, Values.TYPE_ONLY);
    }

    static BodyField object(String path, boolean required) {
        return new BodyField(path, "object", required, Values.TYPE_ONLY);
    }

    /** The last name of the path, which a problem naming the field must mention. */
    String leafName() {
        String last = path.substring(path.lastIndexOf('.') + 1);
        int index = last.indexOf('[');
        return index < 0 ? last : last.substring(0, index);
    }
}
