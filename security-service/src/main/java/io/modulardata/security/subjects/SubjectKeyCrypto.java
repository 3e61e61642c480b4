package io.modulardata.security.subjects;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.spec.SecretKeySpec;

import io.modulardata.security.crypto.AesGcm;
import io.modulardata.security.crypto.FernetTokens;
import io.modulardata.security.crypto.Hkdf;
import io.modulardata.security.crypto.MasterKey;

/**
 * The keys below a tenant key: a subject's data key (a random Fernet key) is stored only AES-256-GCM-wrapped
 * under a key derived from the tenant key, bound to its tenant and key id; personal fields of events are
 * sealed under a key derived from the subject key (not the payload key itself, so a sealed field cannot be
 * opened through decrypt). Plain class.
 */
public final class SubjectKeyCrypto {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SubjectKeyCrypto() {
    }

    public static byte[] newKey() {
        byte[] key = new byte[MasterKey.LENGTH];
        RANDOM.nextBytes(key);
        return key;
    }

    public static String newKeyId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    public static byte[] wrap(byte[] tenantKey, String tenantId, String keyId, byte[] subjectKey) {
        try {
            return AesGcm.seal(wrappingKey(tenantKey), associatedData(tenantId, keyId), subjectKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Subject key wrapping failed", e);
        }
    }

    public static byte[] unwrap(byte[] tenantKey, String tenantId, String keyId, byte[] wrapped) {
        try {
            return AesGcm.open(wrappingKey(tenantKey), associatedData(tenantId, keyId), wrapped);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Subject key " + keyId + " of tenant " + tenantId + " does not unwrap");
        }
    }

    /** A personal field sealed for an event: only a holder of the subject key reads it back. */
    public static String sealField(String keyId, byte[] subjectKey, String value) {
        String token = FernetTokens.encrypt(fieldKey(subjectKey), value.getBytes(StandardCharsets.UTF_8));
        return new SubjectEnvelope(SubjectEnvelope.Kind.FIELD, keyId, token).toString();
    }

    public static byte[] fieldKey(byte[] subjectKey) {
        return Hkdf.expand(subjectKey, "event-fields", MasterKey.LENGTH);
    }

    private static SecretKeySpec wrappingKey(byte[] tenantKey) {
        return new SecretKeySpec(Hkdf.expand(tenantKey, "subject-key-wrap", MasterKey.LENGTH), "AES");
    }

    private static byte[] associatedData(String tenantId, String keyId) {
        return (tenantId + "/" + keyId).getBytes(StandardCharsets.UTF_8);
    }
}
