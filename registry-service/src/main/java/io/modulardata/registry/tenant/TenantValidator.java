package io.modulardata.registry.tenant;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.modulardata.events.DataEnvironment;
import io.modulardata.events.PlatformEvents;
import io.modulardata.kit.json.JsonMaps;
import io.modulardata.kit.problem.FieldErrors;

/** Checks a tenant request field by field and turns it into a {@link TenantConfiguration}. */
public final class TenantValidator {

    /**
     * Tenant ids become part of Kubernetes names (namespace data-tenant-{id}, Service
     * data-processing-{id}-{container}), so they are short lowercase DNS labels.
     */
    public static final Pattern TENANT_ID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?");
    static final Pattern LIMIT_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_CUSTOM_LIMITS = 50;
    static final int MAX_CUSTOM_LIMIT_VALUE_LENGTH = 1024;

    private TenantValidator() {
    }

    public static String validTenantId(String tenantId, FieldErrors errors) {
        errors.text("tenantId", tenantId, 32, TENANT_ID, "1 to 32 lowercase letters, digits or '-', starting and ending with a letter or digit");
        if (PlatformEvents.PLATFORM_TENANT.equals(tenantId)) {
            errors.add("tenantId", "'" + PlatformEvents.PLATFORM_TENANT + "' is reserved");
        }
        return tenantId;
    }

    /** For POST /tenants: the id and the full configuration are required. */
    public static RequestedTenant forRegistration(TenantRequest request) {
        FieldErrors errors = new FieldErrors();
        validTenantId(request.tenantId(), errors);
        return configuration(request, errors);
    }

    /** For PUT /tenants/{tenantId}: a body tenantId, if given, must name the same tenant. */
    public static RequestedTenant forReconfiguration(String pathTenantId, TenantRequest request) {
        FieldErrors errors = new FieldErrors();
        if (request.tenantId() != null && !request.tenantId().equals(pathTenantId)) {
            errors.add("tenantId", "must match the tenant in the path ('" + pathTenantId + "') or be left out");
        }
        return configuration(request, errors);
    }

    private static RequestedTenant configuration(TenantRequest request, FieldErrors errors) {
        errors.text("tenantName", request.tenantName(), MAX_NAME_LENGTH, null, null)
                .required("dataProcessingTier", request.dataProcessingTier())
                .positive("maxConcurrentJobs", request.maxConcurrentJobs(), true)
                .positive("maxMonthlyProcessingHours", request.maxMonthlyProcessingHours(), false)
                .positive("dataStorageQuotaGb", request.dataStorageQuotaGb(), false);
        checkEnvironments(request.allowedDataEnvironments(), errors);
        checkCustomLimits(request.customDataProcessingLimits(), errors);
        IdentityProvider identityProvider = IdentityProviderValidator.valid(request.identityProvider(), errors);
        errors.throwIfAny();
        return new RequestedTenant(new TenantConfiguration(
                request.tenantName(),
                request.dataProcessingTier(),
                request.maxConcurrentJobs(),
                request.maxMonthlyProcessingHours(),
                request.allowedDataEnvironments(),
                request.dataStorageQuotaGb(),
                JsonMaps.toJsonText(request.customDataProcessingLimits())), identityProvider);
    }

    private static void checkEnvironments(List<DataEnvironment> environments, FieldErrors errors) {
        errors.nonEmpty("allowedDataEnvironments", environments, DataEnvironment.values().length);
        if (environments == null) {
            return;
        }
        var seen = new HashSet<DataEnvironment>();
        for (int i = 0; i < environments.size(); i++) {
            DataEnvironment environment = environments.get(i);
            if (environment == null) {
                errors.add("allowedDataEnvironments[" + i + "]", "must not be null");
            } else if (!seen.add(environment)) {
                errors.add("allowedDataEnvironments[" + i + "]", "repeats " + environment);
            }
        }
    }

    private static void checkCustomLimits(Map<String, JsonNode> limits, FieldErrors errors) {
        if (limits == null) {
            return;
        }
        if (limits.size() > MAX_CUSTOM_LIMITS) {
            errors.add("customDataProcessingLimits", "must have at most " + MAX_CUSTOM_LIMITS + " entries");
        }
        limits.forEach((key, value) -> {
            if (!LIMIT_KEY.matcher(key).matches()) {
                errors.add("customDataProcessingLimits", "key '" + abbreviate(key) + "' must be 1 to 64 letters, digits or _ . -");
            } else if (Objects.toString(value).length() > MAX_CUSTOM_LIMIT_VALUE_LENGTH) {
                errors.add("customDataProcessingLimits." + key, "must be at most " + MAX_CUSTOM_LIMIT_VALUE_LENGTH + " characters of JSON");
            }
        });
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
