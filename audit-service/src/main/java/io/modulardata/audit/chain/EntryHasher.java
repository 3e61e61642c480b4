package io.modulardata.audit.chain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The hash chain: {@code hash(n) = SHA-256(bytes of hash(n-1) || canonical bytes of entry n)}, where
 * the hash of "entry 0" is 32 zero bytes and hashes are written as 64 lowercase hex digits. The
 * canonical bytes of an entry are the {@link CanonicalJson} form of the object
 * <pre>{"actor", "aggregateId", "aggregateVersion", "correlationId", "eventId", "eventType",
 *  "occurredAt" (epoch milliseconds), "offset", "partition", "payload", "sequence", "tenantId", "topic"}</pre>
 * i.e. every stored column except {@code hash} and {@code recorded_at}.
 */
public final class EntryHasher {

    public static final String GENESIS = "0".repeat(64);
    private static final HexFormat HEX = HexFormat.of();

    private EntryHasher() {
    }

    public static byte[] canonicalBytes(AuditEntry entry) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("actor", entry.actor());
        node.put("aggregateId", entry.aggregateId());
        node.put("aggregateVersion", entry.aggregateVersion());
        node.put("correlationId", entry.correlationId());
        node.put("eventId", entry.eventId());
        node.put("eventType", entry.eventType());
        node.put("occurredAt", entry.occurredAt().toEpochMilli());
        node.put("offset", entry.offset());
        node.put("partition", entry.partition());
        node.set("payload", entry.payload());
        node.put("sequence", entry.sequence());
        node.put("tenantId", entry.tenantId());
        node.put("topic", entry.topic());
        return CanonicalJson.bytes(node);
    }

    /** The hash of {@code entry} (its sequence already set) following {@code previousHash}. */
    public static String hash(String previousHash, AuditEntry entry) {
        MessageDigest sha = sha256();
        sha.update(HEX.parseHex(previousHash));
        sha.update(canonicalBytes(entry));
        return HEX.formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
