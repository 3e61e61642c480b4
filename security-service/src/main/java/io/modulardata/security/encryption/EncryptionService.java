package io.modulardata.security.encryption;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.modulardata.events.SecurityEvent;
import io.modulardata.kit.command.CommandContext;
import io.modulardata.kit.command.GroupCommitRecorder;
import io.modulardata.kit.json.JsonMaps;
import io.modulardata.kit.problem.ApiProblemException;
import io.modulardata.kit.problem.FieldError;
import io.modulardata.kit.problem.FieldErrors;
import io.modulardata.kit.problem.InvalidRequestException;
import io.modulardata.kit.problem.Problem;
import io.modulardata.security.crypto.FernetTokens;
import io.modulardata.security.crypto.FernetTokens.InvalidTokenException;
import io.modulardata.security.crypto.FernetTokens.VersionedKey;
import io.modulardata.security.encryption.EncryptionRequests.BatchItemResult;
import io.modulardata.security.encryption.EncryptionRequests.BatchResponse;
import io.modulardata.security.encryption.EncryptionRequests.DecryptBatchRequest;
import io.modulardata.security.encryption.EncryptionRequests.DecryptRequest;
import io.modulardata.security.encryption.EncryptionRequests.DecryptResponse;
import io.modulardata.security.encryption.EncryptionRequests.EncryptBatchRequest;
import io.modulardata.security.encryption.EncryptionRequests.EncryptRequest;
import io.modulardata.security.encryption.EncryptionRequests.EncryptResponse;
import io.modulardata.security.encryption.EncryptionRequests.EncryptedData;
import io.modulardata.security.encryption.EncryptionRequests.RewrapRequest;
import io.modulardata.security.encryption.EncryptionRequests.RewrapResponse;
import io.modulardata.security.events.SecurityEvents;
import io.modulardata.security.keys.KeyService;
import io.modulardata.security.subjects.SubjectEnvelope;
import io.modulardata.security.subjects.SubjectKeyCrypto;
import io.modulardata.security.subjects.SubjectKeys;
import io.modulardata.security.subjects.SubjectRefs;
import io.modulardata.security.web.IsoInstants;
import io.modulardata.security.web.TenantIds;
import io.smallrye.mutiny.Uni;

/**
 * Encrypt, decrypt and rewrap with the tenant's key ring. Each call records its SecurityEvent (sizes,
 * context, key version; never plaintext or keys) and answers only once it is committed (group commit
 * with concurrent calls, see {@link GroupCommitRecorder}); when the event cannot be recorded, the call
 * fails and returns no result. A failed decryption commits its success=false event first and only then
 * answers 400.
 */
@ApplicationScoped
public class EncryptionService {

    public static final String METHOD = "fernet_symmetric";
    static final int MAX_BATCH = 1000;
    static final String INVALID_TOKEN = "invalid_token";
    static final String KEY_SHREDDED = "key_shredded";

    private final GroupCommitRecorder recorder;
    private final KeyService keys;
    private final DecryptionFailures decryptionFailures;
    private final SubjectRefs subjectRefs;
    private final SubjectKeys subjectKeys;

    public EncryptionService(GroupCommitRecorder recorder, KeyService keys, DecryptionFailures decryptionFailures,
            SubjectRefs subjectRefs, SubjectKeys subjectKeys) {
        this.recorder = recorder;
        this.keys = keys;
        this.decryptionFailures = decryptionFailures;
        this.subjectRefs = subjectRefs;
        this.subjectKeys = subjectKeys;
    }

    public Uni<EncryptResponse> encrypt(String tenantId, EncryptRequest request, CommandContext context) {
        TenantIds.require(tenantId);
        byte[] plaintext = plaintext(request);
        Map<String, JsonNode> requestContext = request.context() == null ? Map.of() : request.context();
        if (request.subjectId() != null) {
            return encryptForSubject(tenantId, subjectRefs.of(tenantId, request.subjectId(), "subjectId"), plaintext,
                    requestContext, context);
        }
        return keys.encryptionKey(tenantId, context).chain(key -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String token = FernetTokens.encrypt(key.material(), plaintext);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("plaintextBytes", String.valueOf(plaintext.length));
            details.put("tokenLength", String.valueOf(token.length()));
            details.put("keyVersion", String.valueOf(key.version()));
            details.put("method", METHOD);
            details.put("context", JsonMaps.toObjectText(JsonMaps.toJsonText(requestContext)));
            return record(SecurityEvents.operation(context, tenantId, SecurityEvents.DATA_ENCRYPTION, true, details))
                    .map(ignored -> new EncryptResponse(token, now.toString(), METHOD, key.version(), requestContext));
        });
    }

    /**
     * Seals the data under the subject's own key (the token names the key, see {@link SubjectEnvelope}); the
     * event carries the subject only as its pseudonym and the context only sealed under the same key, so erasing
     * the subject leaves nothing personal readable in the log.
     */
    private Uni<EncryptResponse> encryptForSubject(String tenantId, String subjectRef, byte[] plaintext,
            Map<String, JsonNode> requestContext, CommandContext context) {
        return subjectKeys.forEncryption(tenantId, subjectRef, context).chain(key -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String token = new SubjectEnvelope(SubjectEnvelope.Kind.PAYLOAD, key.keyId(),
                    FernetTokens.encrypt(key.material(), plaintext)).toString();
            Map<String, String> details = new LinkedHashMap<>();
            details.put("plaintextBytes", String.valueOf(plaintext.length));
            details.put("tokenLength", String.valueOf(token.length()));
            details.put("keyVersion", String.valueOf(key.tenantKeyVersion()));
            details.put("method", METHOD);
            details.put("subjectRef", subjectRef);
            details.put("context", SubjectKeyCrypto.sealField(key.keyId(), key.material(),
                    JsonMaps.toObjectText(JsonMaps.toJsonText(requestContext))));
            return record(SecurityEvents.operation(context, tenantId, SecurityEvents.DATA_ENCRYPTION, true, details))
                    .map(ignored -> new EncryptResponse(token, now.toString(), METHOD, key.tenantKeyVersion(), requestContext));
        });
    }

    public Uni<DecryptResponse> decrypt(String tenantId, DecryptRequest request, CommandContext context) {
        TenantIds.require(tenantId);
        Optional<Duration> ttl = validate(request);
        return ringFor(tenantId, request.encryptedPayload(), SecurityEvents.DATA_DECRYPTION, context).chain(ring -> {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("tokenLength", String.valueOf(request.encryptedPayload().length()));
            ttl.ifPresent(t -> details.put("ttlSeconds", String.valueOf(t.toSeconds())));
            FernetTokens.Decrypted decrypted = tryDecrypt(request, ring, ttl);
            if (decrypted == null) {
                decryptionFailures.record("decrypt");
                details.put("failure", INVALID_TOKEN);
                return record(SecurityEvents.operation(context, tenantId, SecurityEvents.DATA_DECRYPTION, false, details))
                        .map(ignored -> (DecryptResponse) null);
            }
            details.put("plaintextBytes", String.valueOf(decrypted.plaintext().length));
            details.put("keyVersion", String.valueOf(decrypted.keyVersion()));
            DataEncoding.Encoded plaintext = DataEncoding.encode(decrypted.plaintext());
            return record(SecurityEvents.operation(context, tenantId, SecurityEvents.DATA_DECRYPTION, true, details))
                    .map(ignored -> new DecryptResponse(plaintext.data(), plaintext.encoding().label(), decrypted.keyVersion()));
        }).map(response -> orInvalidToken(response, "encryptedPayload"));
    }

    /** Opens the token and seals its exact bytes under the primary version; the bytes are never read as text. */
    public Uni<RewrapResponse> rewrap(String tenantId, RewrapRequest request, CommandContext context) {
        TenantIds.require(tenantId);
        payloadErrors(request).throwIfAny();
        Optional<SubjectEnvelope> subject = SubjectEnvelope.parse(request.encryptedPayload(), SubjectEnvelope.Kind.PAYLOAD);
        return ringFor(tenantId, request.encryptedPayload(), SecurityEvents.REWRAP, context).chain(ring -> {
            Map<String, String> details = new LinkedHashMap<>();
            FernetTokens.Decrypted decrypted = tryDecrypt(request, ring, Optional.empty());
            if (decrypted == null) {
                decryptionFailures.record("rewrap");
                details.put("failure", INVALID_TOKEN);
                return record(SecurityEvents.operation(context, tenantId, SecurityEvents.REWRAP, false, details))
                        .map(ignored -> (RewrapResponse) null);
            }
            // A subject's payload stays under the subject's key (its ring is that key alone): only the key is wrapped by the tenant's.
            VersionedKey primary = ring.get(0);
            String sealed = FernetTokens.encrypt(primary.material(), decrypted.plaintext());
            String token = subject.map(s -> new SubjectEnvelope(SubjectEnvelope.Kind.PAYLOAD, s.keyId(), sealed).toString())
                    .orElse(sealed);
            details.put("fromKeyVersion", String.valueOf(decrypted.keyVersion()));
            details.put("keyVersion", String.valueOf(primary.version()));
            details.put("plaintextBytes", String.valueOf(decrypted.plaintext().length));
            return record(SecurityEvents.operation(context, tenantId, SecurityEvents.REWRAP, true, details))
                    .map(ignored -> new RewrapResponse(token, primary.version()));
        }).map(response -> orInvalidToken(response, "encryptedPayload"));
    }

    public Uni<BatchResponse> encryptBatch(String tenantId, EncryptBatchRequest request, CommandContext context) {
        TenantIds.require(tenantId);
        validateBatch(request.items());
        return keys.encryptionKey(tenantId, context).chain(key -> {
            List<BatchItemResult> results = new ArrayList<>();
            long bytes = 0;
            for (int i = 0; i < request.items().size(); i++) {
                EncryptRequest item = request.items().get(i);
                byte[] plaintext;
                try {
                    plaintext = plaintext(item == null ? new EncryptRequest(null, null, null, null) : item);
                    if (item.subjectId() != null) {
                        throw new InvalidRequestException("subjectId", "is taken one item at a time, by POST /tenants/{t}/encrypt");
                    }
                } catch (InvalidRequestException e) {
                    results.add(BatchItemResult.failed(i, firstProblem(e)));
                    continue;
                }
                bytes += plaintext.length;
                results.add(new BatchItemResult(i, true, FernetTokens.encrypt(key.material(), plaintext), null, null,
                        key.version(), null));
            }
            BatchResponse response = summarize(results);
            Map<String, String> details = batchDetails(response, bytes);
            details.put("keyVersion", String.valueOf(key.version()));
            return record(SecurityEvents.operation(context, tenantId, SecurityEvents.BATCH_ENCRYPTION, response.failed() == 0,
                    details)).map(ignored -> response);
        });
    }

    public Uni<BatchResponse> decryptBatch(String tenantId, DecryptBatchRequest request, CommandContext context) {
        TenantIds.require(tenantId);
        validateBatch(request.items());
        return keys.readDecryptionKeys(tenantId).chain(ring -> {
            List<BatchItemResult> results = new ArrayList<>();
            long bytes = 0;
            for (int i = 0; i < request.items().size(); i++) {
                DecryptRequest item = request.items().get(i);
                Optional<Duration> ttl;
                try {
                    ttl = validate(item == null ? new DecryptRequest(null, null, null, null, null, null) : item);
                } catch (InvalidRequestException e) {
                    results.add(BatchItemResult.failed(i, firstProblem(e)));
                    continue;
                }
                var decrypted = tryDecrypt(item, ring, ttl);
                if (decrypted == null) {
                    decryptionFailures.record("decrypt_batch");
                    results.add(BatchItemResult.failed(i, INVALID_TOKEN));
                } else {
                    bytes += decrypted.plaintext().length;
                    DataEncoding.Encoded plaintext = DataEncoding.encode(decrypted.plaintext());
                    results.add(new BatchItemResult(i, true, null, plaintext.data(), plaintext.encoding().label(),
                            decrypted.keyVersion(), null));
                }
            }
            BatchResponse response = summarize(results);
            return record(SecurityEvents.operation(context, tenantId, SecurityEvents.BATCH_DECRYPTION, response.failed() == 0,
                    batchDetails(response, bytes))).map(ignored -> response);
        });
    }

    /**
     * The keys that may open a payload: the tenant's ring, or for a subject's payload the subject's key alone
     * (none when this tenant never had it). A destroyed subject key fails with 410 key-shredded, after the
     * failed operation is recorded.
     */
    private Uni<List<VersionedKey>> ringFor(String tenantId, String payload, String kind, CommandContext context) {
        Optional<SubjectEnvelope> subject = SubjectEnvelope.parse(payload, SubjectEnvelope.Kind.PAYLOAD);
        if (subject.isEmpty()) {
            return keys.readDecryptionKeys(tenantId);
        }
        return subjectKeys.forDecryption(tenantId, subject.get().keyId())
                .map(key -> key == null ? List.<VersionedKey>of() : List.of(new VersionedKey(key.tenantKeyVersion(), key.material())))
                .onFailure(ApiProblemException.class).call(shredded -> {
                    decryptionFailures.record(kind);
                    return record(SecurityEvents.operation(context, tenantId, kind, false,
                            Map.of("tokenLength", String.valueOf(payload.length()), "failure", KEY_SHREDDED)));
                });
    }

    private Uni<Void> record(SecurityEvent event) {
        return recorder.record(SecurityEvents.OPERATION, event);
    }

    /** The bytes to encrypt: the text, or what its base64 stands for; 400 naming data or dataEncoding. */
    private static byte[] plaintext(EncryptRequest request) {
        Optional<DataEncoding> encoding = DataEncoding.parse(request.dataEncoding());
        FieldErrors errors = new FieldErrors().required("data", request.data());
        if (encoding.isEmpty()) {
            errors.add("dataEncoding", "must be " + DataEncoding.CHOICES);
        }
        errors.throwIfAny();
        try {
            return encoding.get().toBytes(request.data());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("data", "is not base64");
        }
    }

    private static Optional<Duration> validate(DecryptRequest request) {
        FieldErrors errors = payloadErrors(request).positive("ttlSeconds", request.ttlSeconds(), false);
        errors.throwIfAny();
        return Optional.ofNullable(request.ttlSeconds()).map(Duration::ofSeconds);
    }

    /** The payload is required; what the answer of encrypt says beside it must fit a payload made here. */
    private static FieldErrors payloadErrors(EncryptedData data) {
        FieldErrors errors = new FieldErrors().required("encryptedPayload", data.encryptedPayload())
                .positive("keyVersion", data.keyVersion(), false);
        if (data.encryptionMethod() != null && !METHOD.equals(data.encryptionMethod())) {
            errors.add("encryptionMethod", "must be " + METHOD + ", the method of every payload encrypted here");
        }
        if (data.encryptionTimestamp() != null && IsoInstants.parse(data.encryptionTimestamp()) == null) {
            errors.add("encryptionTimestamp", "must be an ISO-8601 instant such as 2030-01-01T00:00:00Z");
        }
        return errors;
    }

    /** A batch item's first problem, as "field message". */
    private static String firstProblem(InvalidRequestException e) {
        FieldError first = e.errors().get(0);
        return first.field() + " " + first.message();
    }

    private static void validateBatch(List<?> items) {
        new FieldErrors().nonEmpty("items", items, MAX_BATCH).throwIfAny();
    }

    /** Opens the payload (ours or the original platform's form), trying {@code keyVersion} first; null when no key does. */
    private static FernetTokens.Decrypted tryDecrypt(EncryptedData data, List<VersionedKey> ring, Optional<Duration> ttl) {
        try {
            return FernetTokens.decrypt(EncryptedPayloads.fernetToken(data.encryptedPayload()), tryFirst(ring, data.keyVersion()),
                    ttl);
        } catch (InvalidTokenException e) {
            return null;
        }
    }

    /** The ring with the version the caller named moved to the front (Fernet tokens do not carry their version). */
    private static List<VersionedKey> tryFirst(List<VersionedKey> ring, Integer version) {
        if (version == null || ring.isEmpty() || ring.get(0).version() == version) {
            return ring;
        }
        List<VersionedKey> ordered = new ArrayList<>(ring.size());
        ring.stream().filter(key -> key.version() == version).forEach(ordered::add);
        ring.stream().filter(key -> key.version() != version).forEach(ordered::add);
        return ordered;
    }

    /** Same answer for every kind of bad token: nothing about keys, versions or the reason. */
    private static <T> T orInvalidToken(T response, String field) {
        if (response == null) {
            throw new ApiProblemException(Problem.withField(400, "invalid-token", "Invalid token",
                    "The token could not be decrypted", field));
        }
        return response;
    }

    private static BatchResponse summarize(List<BatchItemResult> results) {
        int ok = (int) results.stream().filter(BatchItemResult::success).count();
        return new BatchResponse(ok, results.size() - ok, results);
    }

    private static Map<String, String> batchDetails(BatchResponse response, long plaintextBytes) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("items", String.valueOf(response.results().size()));
        details.put("succeeded", String.valueOf(response.succeeded()));
        details.put("failed", String.valueOf(response.failed()));
        details.put("plaintextBytes", String.valueOf(plaintextBytes));
        return details;
    }
}
