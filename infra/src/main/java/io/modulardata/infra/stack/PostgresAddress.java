package io.modulardata.infra.stack;

/** Where a PostgreSQL server answers and how to log in to it. */
public record PostgresAddress(String host, int port, String user, String password) {

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The form Quarkus expects in {@code quarkus.datasource.reactive.url}. */
    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }
}
