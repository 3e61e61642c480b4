package io.modulardata.audit.query;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.modulardata.audit.chain.AuditEntry;

/**
 * Shows the audit log as it reads after crypto-shredding (issue 18): an entry that names a data subject (its
 * pseudonym, {@code subjectRef}) erased after the entry shows each sealed personal field as {@value #ERASED}, since
 * the key that could open it is destroyed. Only the view changes; the stored entry and its hash stay as they were,
 * so the chain still verifies. A subject sealed for again after its erasure gets a new key: entries after the
 * latest erasure stay as they are.
 */
@ApplicationScoped
public class ErasedPersonalFields {

    public static final String ERASED = "[erased]";
    /** A personal field sealed under a subject's key (security-service's {@code SubjectEnvelope} FIELD kind). */
    public static final String SEALED_FIELD = "mdpf1.";

    private final AuditEntries entries;

    public ErasedPersonalFields(AuditEntries entries) {
        this.entries = entries;
    }

    /** How to show the entries of this page: one look-up of the erasures of the subjects they name. */
    public Function<AuditEntry, AuditEventView> viewsOf(List<AuditEntry> page) {
        Set<String> tenants = new HashSet<>();
        Set<String> subjectRefs = new HashSet<>();
        for (AuditEntry entry : page) {
            subjectRefOf(entry).ifPresent(ref -> {
                tenants.add(entry.tenantId());
                subjectRefs.add(ref);
            });
        }
        Map<String, Long> erasures = entries.latestErasures(tenants, subjectRefs);
        return entry -> view(entry, erasures);
    }

    static String subject(String tenantId, String subjectRef) {
        return tenantId + '\u0000' + subjectRef;
    }

    private static AuditEventView view(AuditEntry entry, Map<String, Long> erasures) {
        boolean erasedAfter = subjectRefOf(entry)
                .map(ref -> erasures.getOrDefault(subject(entry.tenantId(), ref), Long.MIN_VALUE) > entry.sequence())
                .orElse(false);
        return erasedAfter ? AuditEventView.of(entry, withoutSealedFields(entry.payload()), true) : AuditEventView.of(entry);
    }

    /** An operation on a subject's data carries its pseudonym in {@code details} (security-service's SecurityEvent). */
    private static Optional<String> subjectRefOf(AuditEntry entry) {
        JsonNode ref = entry.payload().path("details").path("subjectRef");
        return ref.isTextual() ? Optional.of(ref.asText()) : Optional.empty();
    }

    private static JsonNode withoutSealedFields(JsonNode node) {
        if (node.isTextual() && node.asText().startsWith(SEALED_FIELD)) {
            return TextNode.valueOf(ERASED);
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            object.fields().forEachRemaining(field -> copy.set(field.getKey(), withoutSealedFields(field.getValue())));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode();
            array.forEach(item -> copy.add(withoutSealedFields(item)));
            return copy;
        }
        return node;
    }
}
