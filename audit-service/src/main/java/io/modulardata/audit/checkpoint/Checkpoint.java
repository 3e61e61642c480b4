package io.modulardata.audit.checkpoint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.modulardata.audit.chain.CanonicalJson;

/**
 * A signed statement "after {@code entryCount} entries the chain head is {@code headHash}, and the checkpoint
 * before this one hashes to {@code previousCheckpointHash}". The signature is Ed25519 over the canonical JSON
 * {@code {"count","createdAt" (epoch ms),"headHash","keyId","previousCheckpointHash","sequence"}}; a checkpoint's
 * own hash ({@link #hash}) is SHA-256 over those bytes, so checkpoints form a chain of their own and a deleted
 * one breaks its successor's link. The first checkpoint of a log links to {@link #GENESIS}.
 * {@code previousCheckpointHash} is null only on checkpoints signed before checkpoints were chained (their
 * signed bytes have no such member); the first chained checkpoint of such a log links to the latest of them.
 */
public record Checkpoint(long sequence, String headHash, long entryCount, Instant createdAt, String keyId, String signature,
        String previousCheckpointHash) {

    /** What the first checkpoint of a log links to. */
    public static final String GENESIS = "0".repeat(64);

    public boolean isChained() {
        return previousCheckpointHash != null;
    }

    public byte[] signedBytes() {
        return signedBytes(sequence, headHash, entryCount, createdAt, keyId, previousCheckpointHash);
    }

    public static byte[] signedBytes(long sequence, String headHash, long entryCount, Instant createdAt, String keyId,
            String previousCheckpointHash) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("count", entryCount);
        node.put("createdAt", createdAt.toEpochMilli());
        node.put("headHash", headHash);
        node.put("keyId", keyId);
        if (previousCheckpointHash != null) {
            node.put("previousCheckpointHash", previousCheckpointHash);
        }
        node.put("sequence", sequence);
        return CanonicalJson.string(node).getBytes(StandardCharsets.UTF_8);
    }

    /** SHA-256 of the signed bytes, 64 hex digits: what the next checkpoint links to. */
    public String hash() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(signedBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
