package io.modulardata.security.compliance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.modulardata.kit.command.CommandContext;
import io.modulardata.kit.command.CommandRunner;
import io.modulardata.kit.command.EventRecorder;
import io.modulardata.kit.problem.InvalidRequestException;
import io.modulardata.security.events.SecurityEvents;
import io.modulardata.security.web.TenantIds;
import io.smallrye.mutiny.Uni;

/** Compliance framework configuration per tenant (aggregate {@code compliance}, id tenantId/framework). */
@ApplicationScoped
public class ComplianceService {

    public static final String AGGREGATE_TYPE = "compliance";
    static final String FRAMEWORK = "framework";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CommandRunner commands;
    private final EventRecorder recorder;

    public ComplianceService(CommandRunner commands, EventRecorder recorder) {
        this.commands = commands;
        this.recorder = recorder;
    }

    public record ComplianceRequest(Map<String, JsonNode> requirements) {
    }

    public record ComplianceView(String tenantId, String framework, boolean configured, Map<String, Object> settings,
            long version) {
    }

    public Uni<ComplianceView> configure(String tenantId, String frameworkName, ComplianceRequest request,
            CommandContext context) {
        TenantIds.require(tenantId);
        ComplianceFramework framework = framework(frameworkName);
        Map<String, Object> settings = ComplianceSettings.effective(framework, request.requirements());
        String settingsJson = write(settings);
        String aggregateId = ComplianceConfiguration.id(tenantId, framework);
        return commands.inTransaction(() -> ComplianceConfiguration.<ComplianceConfiguration>findById(aggregateId)
                .chain(existing -> {
                    long version = existing == null ? 0 : existing.version;
                    if (existing != null && existing.settings.equals(settingsJson)) {
                        return Uni.createFrom().item(view(tenantId, framework, existing));
                    }
                    var event = context.metadata(tenantId, aggregateId)
                            .stamp(ComplianceEvents.configured(framework.name(), settingsJson));
                    return recorder.record(AGGREGATE_TYPE, version, List.of(event))
                            .chain(() -> ComplianceConfiguration.<ComplianceConfiguration>findById(aggregateId))
                            .map(saved -> view(tenantId, framework, saved));
                }));
    }

    /** Reads are audited too: a compliance_viewed event is recorded before answering. */
    public Uni<ComplianceView> get(String tenantId, String frameworkName, CommandContext context) {
        TenantIds.require(tenantId);
        ComplianceFramework framework = framework(frameworkName);
        return commands.inTransaction(() -> ComplianceConfiguration.<ComplianceConfiguration>findById(
                ComplianceConfiguration.id(tenantId, framework)).chain(saved -> recorder.record(SecurityEvents.OPERATION, 0,
                        List.of(SecurityEvents.operation(context, tenantId, SecurityEvents.COMPLIANCE_VIEWED, true,
                                Map.of(FRAMEWORK, framework.name(), "configured", String.valueOf(saved != null)))))
                .map(ignored -> view(tenantId, framework, saved))));
    }

    /** Data types each configured framework requires encrypted for this tenant, e.g. {HIPAA: [phi]}. */
    public static Uni<Map<String, List<String>>> encryptionMandates(String tenantId) {
        return ComplianceConfiguration.<ComplianceConfiguration>list("tenantId", tenantId).map(configurations -> {
            Map<String, List<String>> mandates = new LinkedHashMap<>();
            for (ComplianceConfiguration configuration : configurations) {
                ComplianceFramework framework = ComplianceFramework.valueOf(configuration.framework);
                List<String> types = ComplianceSettings.encryptionRequiredFor(framework, read(configuration.settings));
                if (!types.isEmpty()) {
                    mandates.put(framework.name(), new ArrayList<>(types));
                }
            }
            return mandates;
        });
    }

    private static ComplianceFramework framework(String name) {
        return ComplianceFramework.parse(name).orElseThrow(() -> new InvalidRequestException("framework",
                "must be one of " + ComplianceFramework.supported()));
    }

    private static ComplianceView view(String tenantId, ComplianceFramework framework, ComplianceConfiguration saved) {
        if (saved == null) {
            return new ComplianceView(tenantId, framework.name(), false, ComplianceSettings.effective(framework, Map.of()), 0);
        }
        return new ComplianceView(tenantId, framework.name(), true, read(saved.settings), saved.version);
    }

    private static String write(Map<String, Object> settings) {
        try {
            return JSON.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> read(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored settings are not JSON", e);
        }
    }

}
