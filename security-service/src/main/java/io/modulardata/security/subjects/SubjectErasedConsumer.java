package io.modulardata.security.subjects;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.generic.GenericRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.modulardata.events.SubjectErased;

/**
 * Every instance reads security-events (a consumer group of its own, from the latest record) to forget the
 * keys of subjects erased through any instance. Forgetting twice changes nothing, so redelivery is harmless.
 */
@ApplicationScoped
public class SubjectErasedConsumer {

    public static final String CHANNEL = "subject-erasures";

    private final SubjectKeys keys;

    public SubjectErasedConsumer(SubjectKeys keys) {
        this.keys = keys;
    }

    @Incoming(CHANNEL)
    public void consume(GenericRecord event) {
        if (SubjectErased.class.getName().equals(event.getSchema().getFullName())) {
            keys.forget(event.get("tenantId").toString(), event.get("subjectRef").toString());
        }
    }
}
