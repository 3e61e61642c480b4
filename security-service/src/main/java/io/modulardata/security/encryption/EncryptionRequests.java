package io.modulardata.security.encryption;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Request and response bodies of the encryption endpoints. */
public final class EncryptionRequests {

    private EncryptionRequests() {
    }

    public record EncryptRequest(String data, Map<String, JsonNode> context) {
        @Override
        public String toString() {
            return "EncryptRequest[data=redacted]";
        }
    }

    public record EncryptResponse(String encryptedPayload, String encryptionTimestamp, String encryptionMethod,
            int keyVersion, Map<String, JsonNode> context) {
    }

    public record DecryptRequest(String encryptedPayload, Long ttlSeconds) {
    }

    public record DecryptResponse(String data, int keyVersion) {
        @Override
        public String toString() {
            return "DecryptResponse[data=redacted]";
        }
    }

    public record RewrapRequest(String encryptedPayload) {
    }

    public record RewrapResponse(String encryptedPayload, int keyVersion) {
    }

    public record EncryptBatchRequest(List<EncryptRequest> items) {
    }

    public record DecryptBatchRequest(List<DecryptRequest> items) {
    }

    /** One item of a batch answer: either the result fields or {@code error}. */
    public record BatchItemResult(int index, boolean success, String encryptedPayload, String data, Integer keyVersion,
            String error) {
    }

    public record BatchResponse(int succeeded, int failed, List<BatchItemResult> results) {
    }
}
