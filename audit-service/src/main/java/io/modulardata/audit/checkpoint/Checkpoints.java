package io.modulardata.audit.checkpoint;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;

/** Reads the latest checkpoints (JDBC; callers run it on worker threads). */
@ApplicationScoped
public class Checkpoints {

    private final DataSource dataSource;

    public Checkpoints(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The latest checkpoints, newest first. */
    public List<Checkpoint> latest(int limit) {
        try (Connection connection = dataSource.getConnection()) {
            return CheckpointRows.latest(connection, limit);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read checkpoints: " + e.getMessage(), e);
        }
    }
}
