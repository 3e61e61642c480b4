package io.modulardata.registry.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.modulardata.infra.stack.Databases;
import io.modulardata.fixtures.LocalStackTestResource;

/** The outbox of the registry database, read directly: which events are committed but not yet relayed. */
public final class OutboxRows {

    private OutboxRows() {
    }

    private static final String PENDING = "select e.event_id from outbox o join event_store e on e.global_position = o.event_position";

    public static Set<String> pendingEventIds() {
        return Set.copyOf(query(PENDING, null));
    }

    /** The pending events of one aggregate, oldest first. */
    public static List<String> pendingEventIdsOf(String aggregateId) {
        return query(PENDING + " where e.aggregate_id = ? order by o.id", aggregateId);
    }

    private static List<String> query(String sql, String aggregateId) {
        try (Connection connection = Databases.connect(LocalStackTestResource.stack().postgres(), "registry");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            if (aggregateId != null) {
                statement.setString(1, aggregateId);
            }
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
