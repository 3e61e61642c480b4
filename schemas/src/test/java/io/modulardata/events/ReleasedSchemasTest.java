package io.modulardata.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

/**
 * Every schema version ever released (kept as {@code released/<Event>-<n>.avsc} beside PlatformEvents
 * when a schema changes) can still be read with the current schema: the BACKWARD rule the registry
 * enforces, checked before a build ships a change the registry would refuse.
 */
class ReleasedSchemasTest {

    @Test
    void theCurrentSchemaReadsEveryReleasedVersion() {
        List<Schema> checked = new ArrayList<>();
        for (Class<? extends SpecificRecordBase> eventClass : PlatformEvents.eventClasses()) {
            Schema reader = PlatformEvents.schemaOf(eventClass);
            for (Schema writer : PlatformEvents.releasedSchemasOf(eventClass)) {
                var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
                assertThat(result.getCompatibility()).as("%s: %s", writer.getFullName(), result.getIncompatibilities().stream()
                                .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")").toList())
                        .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
                checked.add(writer);
            }
        }
        assertThat(checked).extracting(Schema::getName).contains("ComponentRegistered", "DeploymentRequested");
    }
}
