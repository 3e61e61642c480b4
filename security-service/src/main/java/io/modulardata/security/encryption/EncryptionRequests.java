package io.modulardata.security.encryption;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Request and response bodies of the encryption endpoints. */
public final class EncryptionRequests {

    private EncryptionRequests() {
    }

    /**
     * {@code dataEncoding}: {@code utf8} (default) or {@code base64} for binary data; {@code subjectId}: the data
     * subject (a customer, a patient) whose own key seals the data, so that erasing the subject shreds it.
     */
    public record EncryptRequest(String data, String dataEncoding, Map<String, JsonNode> context, String subjectId) {
        @Override
        public String toString() {
            return "EncryptRequest[data=redacted]";
        }
    }

    public record EncryptResponse(String encryptedPayload, String encryptionTimestamp, String encryptionMethod,
            int keyVersion, Map<String, JsonNode> context) {
    }

    /**
     * Either {@code {encryptedPayload, ttlSeconds?}} or the whole answer of encrypt (the original platform
     * decrypts from its encryption metadata): its other fields are checked, {@code keyVersion} is the
     * version tried first, {@code encryptionTimestamp} and {@code context} are not used.
     */
    public record DecryptRequest(String encryptedPayload, Long ttlSeconds, String encryptionTimestamp, String encryptionMethod,
            Integer keyVersion, Map<String, JsonNode> context) implements EncryptedData {
    }

    /** {@code dataEncoding}: {@code utf8} when the plaintext is valid UTF-8 text, else {@code base64}. */
    public record DecryptResponse(String data, String dataEncoding, int keyVersion) {
        @Override
        public String toString() {
            return "DecryptResponse[data=redacted]";
        }
    }

    /** {@code {encryptedPayload}} or, as for decrypt, the whole answer of encrypt. */
    public record RewrapRequest(String encryptedPayload, String encryptionTimestamp, String encryptionMethod, Integer keyVersion,
            Map<String, JsonNode> context) implements EncryptedData {
    }

    public record RewrapResponse(String encryptedPayload, int keyVersion) {
    }

    public record EncryptBatchRequest(List<EncryptRequest> items) {
    }

    public record DecryptBatchRequest(List<DecryptRequest> items) {
    }

    /** One item of a batch answer: either the result fields or {@code error}. */
    public record BatchItemResult(int index, boolean success, String encryptedPayload, String data, String dataEncoding,
            Integer keyVersion, String error) {

        static BatchItemResult failed(int index, String error) {
            return new BatchItemResult(index, false, null, null, null, null, error);
        }
    }

    public record BatchResponse(int succeeded, int failed, List<BatchItemResult> results) {
    }

    /** A payload to open, with what the answer of encrypt said about it. */
    public interface EncryptedData {
        String encryptedPayload();

        String encryptionTimestamp();

        String encryptionMethod();

        Integer keyVersion();
    }
}
