package io.modulardata.registry.discovery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.events.ComponentStatus;
import io.modulardata.registry.component.ClearanceLevel;
import io.modulardata.registry.component.ComponentView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The discovery rules, applied by PostgreSQL to a tenant's granted versions: every requested capability, at least
 * one requested format, clearance at least the minimum (the read model stores terms canonical, as the query has
 * them). The matches are read with the SQL client straight into the API's view: discovery answers hundreds of
 * requests a second, and mapping each tenant's granted rows to entities before filtering them took most of its
 * CPU (benchmarks/README.md, "Discovery"). The same round trip tells whether the tenant exists.
 */
@ApplicationScoped
public class GrantedComponents {

    private static final String QUERY = """
            select c.component_key, c.component_id, c.component_name, c.component_version, c.component_hash,
                   c.data_processing_capabilities, c.supported_data_formats, c.resource_requirements,
                   c.security_clearance_level, c.compliance_certifications, c.dependencies, c.data_lineage_tracking,
                   c.container_images, c.status, c.version, c.registered_at, c.updated_at
            from tenant t
            left join component_grant g on g.tenant_id = t.tenant_id
            left join component_version c on c.component_key = g.component_key
                 and c.status = any($2)
                 and c.data_processing_capabilities @> $3
                 and (cardinality($4::text[]) = 0 or c.supported_data_formats && $4)
                 and c.security_clearance_level = any($5)
            where t.tenant_id = $1
            """;

    private final Pool pool;

    public GrantedComponents(Pool pool) {
        this.pool = pool;
    }

    /** The tenant's granted versions in {@code statuses} that {@code query} finds; empty when the tenant is unknown. */
    public Uni<Optional<List<ComponentView>>> matching(String tenantId, List<ComponentStatus> statuses, DiscoveryQuery query) {
        Tuple parameters = Tuple.of(tenantId, names(statuses), query.capabilities().toArray(String[]::new),
                query.dataFormats().toArray(String[]::new), names(query.minClearance().andAbove()));
        return pool.preparedQuery(QUERY).execute(parameters).map(GrantedComponents::views);
    }

    private static String[] names(List<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).toArray(String[]::new);
    }

    private static Optional<List<ComponentView>> views(RowSet<Row> rows) {
        if (rows.rowCount() == 0) {
            return Optional.empty();
        }
        List<ComponentView> views = new ArrayList<>(rows.rowCount());
        for (Row row : rows) {
            if (row.getString("component_key") != null) {
                views.add(view(row));
            }
        }
        return Optional.of(views);
    }

    private static ComponentView view(Row row) {
        return new ComponentView(row.getString("component_key"), row.getString("component_id"), row.getString("component_name"),
                row.getString("component_version"), row.getString("component_hash"),
                strings(row, "data_processing_capabilities"), strings(row, "supported_data_formats"),
                ComponentView.requirementsOf(row.getString("resource_requirements")),
                ClearanceLevel.valueOf(row.getString("security_clearance_level")), strings(row, "compliance_certifications"),
                strings(row, "dependencies"), row.getBoolean("data_lineage_tracking"), strings(row, "container_images"),
                ComponentStatus.valueOf(row.getString("status")), row.getLong("version"),
                row.getOffsetDateTime("registered_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant());
    }

    private static List<String> strings(Row row, String column) {
        String[] values = row.getArrayOfStrings(column);
        return values == null ? List.of() : Arrays.asList(values);
    }
}
