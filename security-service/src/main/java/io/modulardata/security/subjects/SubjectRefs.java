package io.modulardata.security.subjects;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.kit.problem.InvalidRequestException;
import io.modulardata.kit.problem.StorableText;
import io.modulardata.security.crypto.Hkdf;
import io.modulardata.security.crypto.MasterKey;

/**
 * Subject ids (a customer, a patient) are personal data: they are checked here and only ever stored or sent
 * as their keyed pseudonym, base64url of HMAC-SHA256 of the id under a key of the tenant. Equal ids give equal
 * references (lookups, erasure); the id cannot be read back, nor guessed without the master key.
 */
@ApplicationScoped
public class SubjectRefs {

    static final int MAX_LENGTH = 256;

    private final MasterKey masterKey;

    public SubjectRefs(MasterKey masterKey) {
        this.masterKey = masterKey;
    }

    /** The reference of a valid subject id; 400 naming the field otherwise. */
    public String of(String tenantId, String subjectId, String field) {
        String problem = problem(subjectId);
        if (problem != null) {
            throw new InvalidRequestException(field, problem);
        }
        byte[] mac = Hkdf.hmac(masterKey.subjectRefKey(tenantId), subjectId.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    static String problem(String subjectId) {
        if (subjectId == null || subjectId.isBlank()) {
            return "must not be blank";
        }
        if (subjectId.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        if (subjectId.chars().anyMatch(Character::isISOControl)) {
            return "must not contain control characters";
        }
        // An unpaired surrogate has no UTF-8 form: it would be hashed as '?', one subject with "a?b".
        if (!StorableText.isStorable(subjectId)) {
            return StorableText.PROBLEM;
        }
        return null;
    }
}
