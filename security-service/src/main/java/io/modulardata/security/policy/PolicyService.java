package io.modulardata.security.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.modulardata.events.PlatformEvents;
import io.modulardata.kit.command.CommandContext;
import io.modulardata.kit.command.CommandRunner;
import io.modulardata.kit.command.EventRecorder;
import io.modulardata.kit.problem.ApiProblemException;
import io.modulardata.security.compliance.ComplianceService;
import io.modulardata.security.events.SecurityEvents;
import io.modulardata.security.policy.PolicyRequests.AccessControlRequest;
import io.modulardata.security.policy.PolicyRequests.EncryptionRequirementRequest;
import io.modulardata.security.policy.PolicyRequests.EvaluationRequest;
import io.modulardata.security.policy.PolicyRequests.PolicyRequest;
import io.modulardata.kit.problem.InvalidRequestException;
import io.modulardata.kit.problem.StorableText;
import io.smallrye.mutiny.Uni;

/**
 * Platform-wide security policies (aggregate {@code policy}, id = policy name, tenant {@code platform}).
 * Each change event carries the whole new policy document, so the read model is rebuilt by replay alone.
 */
@ApplicationScoped
public class PolicyService {

    public static final String AGGREGATE_TYPE = "policy";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CommandRunner commands;
    private final EventRecorder recorder;

    public PolicyService(CommandRunner commands, EventRecorder recorder) {
        this.commands = commands;
        this.recorder = recorder;
    }

    /** The saved policy and whether this call created it. */
    public record Saved(SecurityPolicy policy, long version, boolean created) {
    }

    public Uni<Saved> put(String policyName, PolicyRequest request, CommandContext context) {
        PolicyValidator.name("policyName", policyName);
        if (request.description() != null && request.description().length() > 512) {
            throw new InvalidRequestException("description", "must be at most 512 characters");
        }
        if (request.description() != null && !StorableText.isStorable(request.description())) {
            throw new InvalidRequestException("description", StorableText.PROBLEM);
        }
        return commands.inTransaction(() -> PolicyEntity.<PolicyEntity>findById(policyName).chain(existing -> {
            if (existing == null) {
                return record(policyName, 0, SecurityPolicy.create(policyName, request.description()), PolicyEvents.CREATED, policyName,
                        context).map(saved -> new Saved(saved.policy(), saved.version(), true));
            }
            return change(existing, policy -> policy.withDescription(request.description()), "description", policyName, context);
        }));
    }

    public Uni<Saved> putAccessControl(String policyName, String tenantId, AccessControlRequest request, CommandContext context) {
        AccessGrant grant = PolicyValidator.accessGrant(tenantId, request);
        return modify(policyName, policy -> policy.withAccessControl(tenantId, grant), "access_control", tenantId, context);
    }

    public Uni<Saved> putClassification(String policyName, String operation, String classification, CommandContext context) {
        Classification parsed = PolicyValidator.classification(operation, classification);
        return modify(policyName, policy -> policy.withClassification(operation, parsed), "classification", operation, context);
    }

    public Uni<Saved> putEncryptionRequirement(String policyName, String dataType, EncryptionRequirementRequest request,
            CommandContext context) {
        PolicyValidator.name("dataType", dataType);
        if (request.required() == null) {
            throw new InvalidRequestException("required", "is required");
        }
        return modify(policyName, policy -> policy.withEncryptionRequirement(dataType, request.required()),
                "encryption_requirement", dataType, context);
    }

    /** Reads are audited too: a policy_viewed event is recorded before answering. */
    public Uni<Saved> get(String policyName, CommandContext context) {
        PolicyValidator.name("policyName", policyName);
        return commands.inTransaction(() -> find(policyName).chain(entity -> recorder.record(SecurityEvents.OPERATION, 0,
                List.of(SecurityEvents.operation(context, PlatformEvents.PLATFORM_TENANT, SecurityEvents.POLICY_VIEWED, true,
                        Map.of("policyName", policyName, "policyVersion", String.valueOf(entity.version)))))
                .map(ignored -> new Saved(read(entity.document), entity.version, false))));
    }

    /** Evaluates and records a policy_evaluated event (tenant = the evaluated tenant) before answering. */
    public Uni<PolicyEvaluator.Decision> evaluate(String policyName, EvaluationRequest body, CommandContext context) {
        PolicyValidator.name("policyName", policyName);
        PolicyEvaluator.Request request = PolicyValidator.evaluation(body);
        return commands.inTransaction(() -> find(policyName).chain(entity -> ComplianceService
                .encryptionMandates(request.tenantId()).chain(mandates -> {
                    var decision = PolicyEvaluator.evaluate(read(entity.document), request, mandates);
                    Map<String, String> details = new LinkedHashMap<>();
                    details.put("policyName", policyName);
                    details.put("decision", decision.decision());
                    details.put("reasons", String.join(",", decision.reasons()));
                    details.put("permission", request.permission());
                    details.put("operation", request.operation());
                    details.put("dataType", request.dataType());
                    details.put("encrypted", String.valueOf(request.encrypted()));
                    var event = SecurityEvents.operation(context, request.tenantId(), SecurityEvents.POLICY_EVALUATED,
                            decision.allowed(), details);
                    return recorder.record(SecurityEvents.OPERATION, 0, List.of(event)).map(ignored -> decision);
                })));
    }

    private Uni<Saved> modify(String policyName, UnaryOperator<SecurityPolicy> change, String kind, String subject,
            CommandContext context) {
        PolicyValidator.name("policyName", policyName);
        return commands.inTransaction(() -> find(policyName).chain(entity -> change(entity, change, kind, subject, context)));
    }

    private Uni<Saved> change(PolicyEntity entity, UnaryOperator<SecurityPolicy> change, String kind, String subject,
            CommandContext context) {
        SecurityPolicy before = read(entity.document);
        SecurityPolicy after = change.apply(before);
        if (after.equals(before)) {
            return Uni.createFrom().item(new Saved(before, entity.version, false));
        }
        return record(entity.policyName, entity.version, after, kind, subject, context);
    }

    private Uni<Saved> record(String policyName, long version, SecurityPolicy after, String kind, String subject,
            CommandContext context) {
        var event = context.metadata(PlatformEvents.PLATFORM_TENANT, policyName)
                .stamp(PolicyEvents.changed(kind, subject, write(after)));
        return recorder.record(AGGREGATE_TYPE, version, List.of(event)).map(ignored -> new Saved(after, version + 1, false));
    }

    private static Uni<PolicyEntity> find(String policyName) {
        return PolicyEntity.<PolicyEntity>findById(policyName)
                .onItem().ifNull().failWith(() -> ApiProblemException.notFound("Policy", policyName));
    }

    private static String write(SecurityPolicy policy) {
        try {
            return JSON.writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static SecurityPolicy read(String document) {
        try {
            return JSON.readValue(document, SecurityPolicy.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored policy is not JSON", e);
        }
    }
}
