package io.modulardata.audit.checkpoint;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import io.modulardata.kit.problem.ApiProblemException;
import io.modulardata.kit.problem.FieldErrors;

/**
 * A signed checkpoint as an operator copies it out of the service ({@code GET /audit/checkpoints/latest}) and
 * hands it back later ({@code POST /audit/checkpoints/verify}): the signed fields, the signature, the checkpoint's
 * own hash, and the signing key's algorithm and full fingerprint (SHA-256 of its X.509 encoding, of which
 * {@code keyId} is the first 16 hex digits), so the copy can also be checked offline with the public key.
 */
public record ExportedCheckpoint(Long sequence, Long entryCount, String headHash, String previousCheckpointHash,
        String createdAt, String keyId, String algorithm, String publicKeySha256, String signature, String checkpointHash) {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");
    /** An Ed25519 signature (64 bytes) in standard base64. */
    private static final Pattern SIGNATURE = Pattern.compile("[A-Za-z0-9+/]{86}==");
    private static final String HEX_HINT = "64 lowercase hex digits";

    public static ExportedCheckpoint of(Checkpoint checkpoint, SigningKey key) {
        return new ExportedCheckpoint(checkpoint.sequence(), checkpoint.entryCount(), checkpoint.headHash(),
                checkpoint.previousCheckpointHash(), checkpoint.createdAt().toString(), checkpoint.keyId(), SigningKey.ALGORITHM,
                key.publicKeySha256(), checkpoint.signature(), checkpoint.hash());
    }

    /**
     * The checkpoint this copy describes, once it is well formed (else 400 naming every bad field) and was signed by
     * {@code key} as it stands (else 422 naming the field that shows it is not ours).
     */
    public Checkpoint verifiedWith(SigningKey key) {
        FieldErrors errors = new FieldErrors();
        positive(errors, "sequence", sequence);
        positive(errors, "entryCount", entryCount);
        errors.text("headHash", headHash, 64, HASH, HEX_HINT);
        if (previousCheckpointHash != null) {
            errors.text("previousCheckpointHash", previousCheckpointHash, 64, HASH, HEX_HINT + " (or null for a checkpoint signed before checkpoints were chained)");
        }
        Instant created = instant(errors);
        errors.text("keyId", keyId, 16, KEY_ID, "16 lowercase hex digits");
        if (algorithm != null && !SigningKey.ALGORITHM.equals(algorithm)) {
            errors.add("algorithm", "must be " + SigningKey.ALGORITHM);
        }
        if (publicKeySha256 != null) {
            errors.text("publicKeySha256", publicKeySha256, 64, HASH, HEX_HINT);
        }
        errors.text("signature", signature, 88, SIGNATURE, "an Ed25519 signature: 64 bytes in base64 (88 characters)");
        if (checkpointHash != null) {
            errors.text("checkpointHash", checkpointHash, 64, HASH, HEX_HINT);
        }
        errors.throwIfAny();

        Checkpoint checkpoint = new Checkpoint(sequence, headHash, entryCount, created, keyId, signature, previousCheckpointHash);
        if (!key.keyId().equals(keyId)) {
            throw ApiProblemException.unprocessable("keyId", "was not signed by this service's key (" + key.keyId() + ")");
        }
        if (publicKeySha256 != null && !key.publicKeySha256().equals(publicKeySha256)) {
            throw ApiProblemException.unprocessable("publicKeySha256", "is not this service's key (" + key.publicKeySha256() + ")");
        }
        if (!key.verifies(checkpoint)) {
            throw ApiProblemException.unprocessable("signature",
                    "does not verify with this service's key: the checkpoint was altered or is forged");
        }
        if (checkpointHash != null && !checkpoint.hash().equals(checkpointHash)) {
            throw ApiProblemException.unprocessable("checkpointHash", "does not match the checkpoint's fields");
        }
        return checkpoint;
    }

    private static void positive(FieldErrors errors, String field, Long value) {
        if (value == null) {
            errors.add(field, "is required");
        } else if (value < 1) {
            errors.add(field, "must be at least 1");
        }
    }

    private Instant instant(FieldErrors errors) {
        if (createdAt == null) {
            errors.add("createdAt", "is required");
            return null;
        }
        try {
            return Instant.parse(createdAt);
        } catch (DateTimeParseException e) {
            errors.add("createdAt", "must be an ISO-8601 instant such as 2026-01-31T12:00:00.123Z");
            return null;
        }
    }
}
