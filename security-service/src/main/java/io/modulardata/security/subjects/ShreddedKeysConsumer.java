package io.modulardata.security.subjects;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.generic.GenericRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.modulardata.events.SubjectErased;
import io.modulardata.events.TenantKeysShredded;
import io.modulardata.security.offboarding.TenantShredding;

/**
 * Every instance reads security-events (a consumer group of its own, from the latest record) to forget the
 * keys destroyed through any instance: a data subject's ({@code SubjectErased}) or a whole offboarded tenant's
 * ({@code TenantKeysShredded}). Forgetting twice changes nothing, so redelivery is harmless.
 */
@ApplicationScoped
public class ShreddedKeysConsumer {

    public static final String CHANNEL = "subject-erasures";

    private final SubjectKeys keys;
    private final TenantShredding tenants;

    public ShreddedKeysConsumer(SubjectKeys keys, TenantShredding tenants) {
        this.keys = keys;
        this.tenants = tenants;
    }

    @Incoming(CHANNEL)
    public void consume(GenericRecord event) {
        if (event == null) {
            return; // an event of another type, left undecoded (EventTypeFilter)
        }
        String type = event.getSchema().getFullName();
        if (SubjectErased.class.getName().equals(type)) {
            keys.forget(event.get("tenantId").toString(), event.get("subjectRef").toString());
        } else if (TenantKeysShredded.class.getName().equals(type)) {
            tenants.forget(event.get("tenantId").toString());
        }
    }
}
