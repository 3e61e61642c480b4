package io.modulardata.security.subjects;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.kit.command.CommandContext;
import io.modulardata.kit.command.GroupCommitRecorder;
import io.modulardata.kit.problem.ApiProblemException;
import io.modulardata.kit.problem.InvalidRequestException;
import io.modulardata.kit.problem.Problem;
import io.modulardata.security.crypto.FernetTokens;
import io.modulardata.security.crypto.FernetTokens.VersionedKey;
import io.modulardata.security.events.SecurityEvents;
import io.modulardata.security.web.TenantIds;
import io.smallrye.mutiny.Uni;

/**
 * Opens a personal field that an event carries sealed under its subject's key (e.g. the context of an encrypt
 * for a subject, as the event store, the topic and the audit log hold it): in clear before the subject's
 * erasure, 410 key-shredded after. Each opening is itself recorded (the field's subject only as the key id).
 */
@ApplicationScoped
public class PersonalDataService {

    public static final String OPENED = "personal_data_opened";

    private final SubjectKeys keys;
    private final GroupCommitRecorder recorder;

    public PersonalDataService(SubjectKeys keys, GroupCommitRecorder recorder) {
        this.keys = keys;
        this.recorder = recorder;
    }

    public record OpenRequest(String sealed) {
    }

    public record Opened(String value) {
        @Override
        public String toString() {
            return "Opened[value=redacted]";
        }
    }

    public Uni<Opened> open(String tenantId, OpenRequest request, CommandContext context) {
        TenantIds.require(tenantId);
        Optional<SubjectEnvelope> field = SubjectEnvelope.parse(request.sealed(), SubjectEnvelope.Kind.FIELD);
        if (field.isEmpty()) {
            throw new InvalidRequestException("sealed", "must be a sealed personal field (mdpf1.<keyId>.<token>) as events carry it");
        }
        String keyId = field.get().keyId();
        return keys.forDecryption(tenantId, keyId)
                .onFailure(ApiProblemException.class).call(shredded -> record(context, tenantId, keyId, false, "key_shredded"))
                .chain(key -> {
                    String value = key == null ? null : open(field.get(), key.material());
                    return record(context, tenantId, keyId, value != null, value == null ? "invalid_token" : null)
                            .map(ignored -> {
                                if (value == null) {
                                    throw new ApiProblemException(Problem.withField(400, "invalid-token", "Invalid token",
                                            "The sealed field could not be opened", "sealed"));
                                }
                                return new Opened(value);
                            });
                });
    }

    private static String open(SubjectEnvelope field, byte[] subjectKey) {
        try {
            byte[] bytes = FernetTokens.decrypt(field.token(), List.of(new VersionedKey(0, SubjectKeyCrypto.fieldKey(subjectKey))),
                    Optional.empty()).plaintext();
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (FernetTokens.InvalidTokenException e) {
            return null;
        }
    }

    private Uni<Void> record(CommandContext context, String tenantId, String keyId, boolean success, String failure) {
        Map<String, String> details = failure == null ? Map.of("subjectKeyId", keyId)
                : Map.of("subjectKeyId", keyId, "failure", failure);
        return recorder.record(SecurityEvents.OPERATION, SecurityEvents.operation(context, tenantId, OPENED, success, details));
    }
}
