package io.modulardata.audit.chain;

/**
 * The hash chain: {@code hash(n) = SHA-256(bytes of hash(n-1) || canonical bytes of entry n)}, where
 * the hash of "entry 0" is 32 zero bytes and hashes are written as 64 lowercase hex digits. The
 * canonical bytes of an entry are the {@link CanonicalJson} form of the object
 * <pre>{"actor", "aggregateId", "aggregateVersion", "correlationId", "eventId", "eventType",
 *  "occurredAt" (epoch milliseconds), "offset", "partition", "payload", "sequence", "tenantId", "topic"}</pre>
 * i.e. every stored column except {@code hash} and {@code recorded_at}; {@link CanonicalEntry} writes them.
 */
public final class EntryHasher {

    public static final String GENESIS = "0".repeat(64);

    private EntryHasher() {
    }

    public static byte[] canonicalBytes(AuditEntry entry) {
        return CanonicalEntry.of(entry).bytes(entry.sequence());
    }

    /** The hash of {@code entry} (its sequence already set) following {@code previousHash}. */
    public static String hash(String previousHash, AuditEntry entry) {
        return CanonicalEntry.of(entry).hash(previousHash, entry.sequence());
    }
}
