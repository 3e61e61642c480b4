package io.modulardata.audit.checkpoint;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.modulardata.audit.chain.CanonicalJson;

/**
 * A signed statement "after {@code entryCount} entries the chain head is {@code headHash}". The
 * signature is Ed25519 over the canonical JSON {@code {"count","createdAt" (epoch ms),"headHash","keyId","sequence"}}.
 */
public record Checkpoint(long sequence, String headHash, long entryCount, Instant createdAt, String keyId, String signature) {

    public byte[] signedBytes() {
        return signedBytes(sequence, headHash, entryCount, createdAt, keyId);
    }

    public static byte[] signedBytes(long sequence, String headHash, long entryCount, Instant createdAt, String keyId) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("count", entryCount);
        node.put("createdAt", createdAt.toEpochMilli());
        node.put("headHash", headHash);
        node.put("keyId", keyId);
        node.put("sequence", sequence);
        return CanonicalJson.string(node).getBytes(StandardCharsets.UTF_8);
    }
}
