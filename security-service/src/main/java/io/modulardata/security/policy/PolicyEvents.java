package io.modulardata.security.policy;

import org.apache.avro.specific.SpecificRecordBase;

import io.modulardata.events.PolicyCreated;
import io.modulardata.events.PolicyUpdated;

/** Decides the events of the policy aggregate (id = policy name, tenant platform); each carries the whole policy. */
public final class PolicyEvents {

    /** The change that creates a policy. */
    public static final String CREATED = "created";

    private PolicyEvents() {
    }

    /** The event of a change ({@link #CREATED} or what changed) about a subject, without the envelope. */
    public static SpecificRecordBase changed(String change, String subject, String document) {
        if (CREATED.equals(change)) {
            PolicyCreated event = new PolicyCreated();
            event.setDocument(document);
            return event;
        }
        PolicyUpdated event = new PolicyUpdated();
        event.setChange(change);
        event.setSubject(subject);
        event.setDocument(document);
        return event;
    }
}
