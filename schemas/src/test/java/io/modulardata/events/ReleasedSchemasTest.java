package io.modulardata.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.api.Test;

/**
 * Every schema version ever released (kept under src/test/resources/released as {@code <Event>-<n>.avsc}
 * when a schema changes) can still be read with the current schema: the BACKWARD rule the registry
 * enforces, checked before a build ships a change the registry would refuse.
 */
class ReleasedSchemasTest {

    private static final File RELEASED = new File("src/test/resources/released");
    private static final File TYPES = new File("src/main/avro/types");

    @Test
    void theCurrentSchemaReadsEveryReleasedVersion() throws IOException {
        File[] released = Objects.requireNonNull(RELEASED.listFiles((dir, name) -> name.endsWith(".avsc")));
        assertThat(released).isNotEmpty();
        for (File file : released) {
            String event = file.getName().substring(0, file.getName().lastIndexOf('-'));
            Schema writer = parseWithSharedTypes(file);
            Schema reader = PlatformEvents.schemaOf(PlatformEvents.classOf("io.modulardata.events." + event));
            var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
            assertThat(result.getCompatibility()).as("%s: %s", file.getName(), result.getIncompatibilities().stream()
                            .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")").toList())
                    .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        }
    }

    private static Schema parseWithSharedTypes(File file) throws IOException {
        Schema.Parser parser = new Schema.Parser();
        File[] types = Objects.requireNonNull(TYPES.listFiles((dir, name) -> name.endsWith(".avsc")));
        Arrays.sort(types);
        for (File type : types) {
            parser.parse(type);
        }
        return parser.parse(file);
    }
}
