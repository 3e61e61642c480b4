package io.modulardata.audit;

/**
 * The JDBC pools besides the default one (queries, reports, Flyway). Ingest and verification each have
 * connections of their own, so no number of parallel reports, queries or verifications can take the
 * connection ingest needs, and verification cannot take the query pool's.
 */
public final class DataSources {

    /** The chain's writer (one connection in use at a time). */
    public static final String INGEST = "ingest";
    /** Chain verification, as many connections as it has threads ({@code modulardata.audit.verify.threads}). */
    public static final String VERIFY = "verify";

    private DataSources() {
    }
}
