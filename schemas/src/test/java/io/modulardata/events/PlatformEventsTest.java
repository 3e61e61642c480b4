package io.modulardata.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

class PlatformEventsTest {

    @Test
    void everySchemaFileIsACataloguedEvent() {
        File[] files = Objects.requireNonNull(new File("src/main/avro").listFiles((dir, name) -> name.endsWith(".avsc")));
        assertThat(PlatformEvents.eventClasses())
                .extracting(Class::getSimpleName)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(files).map(f -> f.getName().replace(".avsc", "")).toList());
    }

    @Test
    void everyEventCarriesTheEnvelopeFieldsFirst() {
        for (var eventClass : PlatformEvents.eventClasses()) {
            Schema schema = PlatformEvents.schemaOf(eventClass);
            assertThat(schema.getNamespace()).isEqualTo("io.modulardata.events");
            assertThat(schema.getFields().subList(0, 7)).extracting(Schema.Field::name)
                    .as(eventClass.getSimpleName())
                    .containsExactlyElementsOf(PlatformEvents.ENVELOPE_FIELDS);
        }
    }

    @Test
    void everyEventTravelsOnAPlatformTopic() {
        for (var eventClass : PlatformEvents.eventClasses()) {
            assertThat(Topics.ALL).contains(PlatformEvents.topicOf(eventClass));
            assertThat(PlatformEvents.classOf(eventClass.getName())).isEqualTo(eventClass);
        }
    }

    @Test
    void securityStateChangesAreTypedRecordsOnTheSecurityTopic() {
        List<Class<? extends SpecificRecordBase>> typed = List.of(KeyRingCreated.class, KeyRotated.class, KeyImported.class,
                MinDecryptionVersionChanged.class, ComplianceConfigured.class, PolicyCreated.class, PolicyUpdated.class,
                SubjectErased.class);
        for (var eventClass : PlatformEvents.eventClasses()) {
            if (typed.contains(eventClass)) {
                assertThat(PlatformEvents.topicOf(eventClass)).isEqualTo(Topics.SECURITY_EVENTS);
                // Typed fields, not a details map parsed back from strings.
                assertThat(PlatformEvents.schemaOf(eventClass).getFields()).extracting(Schema.Field::name)
                        .as(eventClass.getSimpleName()).doesNotContain("details", "eventKind");
            }
        }
        assertThat(PlatformEvents.eventClasses()).containsAll(typed);
    }
}
