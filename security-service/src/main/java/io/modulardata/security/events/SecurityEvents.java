package io.modulardata.security.events;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.modulardata.events.SecurityEvent;
import io.modulardata.kit.command.CommandContext;
import io.modulardata.kit.events.EventMetadata;

/**
 * Builds the SecurityEvents of this service: every operation records one before it answers.
 *
 * <p>Aggregates: {@code key-ring} (id = tenant id), {@code compliance} (id = tenant/framework) and
 * {@code policy} (id = policy name, tenant {@code platform}) are event-sourced state; their changes are
 * typed events (KeyRingCreated, ..., PolicyUpdated; see {@link OriginalSecurityEvents} for their old
 * SecurityEvent form). Encrypt, decrypt,
 * rewrap and evaluate change no aggregate, yet they must be on the log and the topic (audit before
 * answer): each is recorded as the single event of its own {@code operation} aggregate, whose id is a
 * fresh {@code op-<uuid>} and whose version is always 1. Uuids never repeat, so these events can never
 * collide with each other or with a state aggregate on the (type, id, version) key.
 */
public final class SecurityEvents {

    public static final String OPERATION = "operation";

    public static final String DATA_ENCRYPTION = "data_encryption";
    public static final String DATA_DECRYPTION = "data_decryption";
    public static final String BATCH_ENCRYPTION = "data_encryption_batch";
    public static final String BATCH_DECRYPTION = "data_decryption_batch";
    public static final String REWRAP = "rewrap";
    public static final String POLICY_EVALUATED = "policy_evaluated";
    public static final String KEYS_LISTED = "keys_listed";
    public static final String COMPLIANCE_VIEWED = "compliance_viewed";
    public static final String POLICY_VIEWED = "policy_viewed";

    private SecurityEvents() {
    }

    public static SecurityEvent event(EventMetadata metadata, String kind, boolean success, Map<String, String> details) {
        SecurityEvent event = new SecurityEvent();
        event.setEventKind(kind);
        event.setSuccess(success);
        event.setDetails(new TreeMap<>(details));
        return metadata.stamp(event);
    }

    /** An event of a one-off {@code operation} aggregate (see the class comment). */
    public static SecurityEvent operation(CommandContext context, String tenantId, String kind, boolean success,
            Map<String, String> details) {
        return event(context.metadata(tenantId, "op-" + UUID.randomUUID()), kind, success, details);
    }
}
