package io.modulardata.systemtests;

/** A query parameter of an endpoint and what kind of value it takes. */
record QueryParam(String name, Kind kind) {

    enum Kind {
        /** A patterned id or name: anything else is a 400. */
        ID,
        /** One of a fixed set of values. */
        ENUM,
        /** A free-text filter: an unmatched value may answer 200 with nothing found. */
        FILTER,
        /** An ISO-8601 instant. */
        INSTANT,
        /** A sequence number or an ISO-8601 instant (audit verify). */
        SEQUENCE_OR_INSTANT,
        /** A page size, 1-500. */
        LIMIT,
        /** A page cursor handed out by the service. */
        CURSOR
    }
}
