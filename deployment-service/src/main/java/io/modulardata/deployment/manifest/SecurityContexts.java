package io.modulardata.deployment.manifest;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.CapabilitiesBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.fabric8.kubernetes.api.model.SELinuxOptionsBuilder;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SeccompProfileBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;

/**
 * A container's securityContext: what a request may ask for, and what every rendered pod carries.
 * Tenants share the cluster, so only what the Kubernetes <em>restricted</em> Pod Security Standard allows
 * is accepted: no privileged container, no privilege escalation, a non-root user, no capability but
 * {@code NET_BIND_SERVICE} added, seccomp and AppArmor {@code RuntimeDefault} or {@code Localhost}, no
 * SELinux type, user or role, the default procMount, no host namespaces. The rendered container always
 * runs as non-root, without privilege escalation, with every capability dropped and a seccomp profile,
 * also when the request gives no securityContext (and also for a request recorded before these rules).
 * Each request field is kept as its JSON text in the events.
 */
public final class SecurityContexts {

    public static final List<String> FIELDS = List.of("allowPrivilegeEscalation", "appArmorProfile", "capabilities",
            "privileged", "procMount", "readOnlyRootFilesystem", "runAsGroup", "runAsNonRoot", "runAsUser",
            "seLinuxOptions", "seccompProfile");
    /** Pod-level settings a tenant might try here; refused with a reason rather than as unknown. */
    static final Set<String> HOST_NAMESPACES = Set.of("hostNetwork", "hostPID", "hostIPC");
    public static final String NET_BIND_SERVICE = "NET_BIND_SERVICE";
    public static final String DROP_ALL = "ALL";
    public static final String RUNTIME_DEFAULT = "RuntimeDefault";
    public static final String LOCALHOST = "Localhost";
    static final String DEFAULT_PROC_MOUNT = "Default";
    static final long MAX_ID = Integer.MAX_VALUE;
    static final Pattern CAPABILITY = Pattern.compile("[A-Z][A-Z_]{0,63}");
    /** A profile file below the node's profile directory: relative, no "..". */
    static final Pattern LOCALHOST_PROFILE = Pattern.compile("(?!.*\\.\\.)[A-Za-z0-9_][A-Za-z0-9_./-]{0,254}");
    static final Pattern SELINUX_LEVEL = Pattern.compile("[a-z0-9][a-z0-9:,.-]{0,252}");
    private static final String RESTRICTED = " (restricted Pod Security Standard)";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // 1.5 is no user id: refuse it rather than read 1
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private SecurityContexts() {
    }

    /**
     * What is wrong with one requested field, by the path of the offending part relative to
     * securityContext ({@code capabilities.add[0]}, {@code seccompProfile.type}); empty when it is allowed.
     */
    public static Map<String, String> problemsWith(String field, JsonNode value) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (HOST_NAMESPACES.contains(field)) {
            problems.put(field, "host namespaces are not allowed" + RESTRICTED);
            return problems;
        }
        if (!FIELDS.contains(field)) {
            problems.put(field, "is not a securityContext field (one of " + FIELDS + ")");
            return problems;
        }
        if (value == null || value.isNull()) {
            problems.put(field, "is required");
            return problems;
        }
        SecurityContext parsed;
        try {
            parsed = MAPPER.treeToValue(JsonNodeFactory.instance.objectNode().set(field, value), SecurityContext.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            problems.put(field, "is not a valid Kubernetes securityContext." + field);
            return problems;
        }
        if (!parsed.getAdditionalProperties().isEmpty()) {
            problems.put(field, "has unknown fields " + parsed.getAdditionalProperties().keySet());
            return problems;
        }
        switch (field) {
            case "privileged" -> mustBe(problems, field, parsed.getPrivileged(), false, "privileged containers are not allowed");
            case "allowPrivilegeEscalation" -> mustBe(problems, field, parsed.getAllowPrivilegeEscalation(), false,
                    "must be false: privilege escalation is not allowed");
            case "runAsNonRoot" -> mustBe(problems, field, parsed.getRunAsNonRoot(), true, "must be true: containers run as non-root");
            case "runAsUser" -> {
                if (parsed.getRunAsUser() < 1 || parsed.getRunAsUser() > MAX_ID) {
                    problems.put(field, "must be a non-root user id, 1 to " + MAX_ID + RESTRICTED);
                }
            }
            case "runAsGroup" -> {
                if (parsed.getRunAsGroup() < 0 || parsed.getRunAsGroup() > MAX_ID) {
                    problems.put(field, "must be a group id, 0 to " + MAX_ID);
                }
            }
            case "capabilities" -> capabilities(parsed.getCapabilities(), problems);
            case "seccompProfile" -> {
                SeccompProfile p = parsed.getSeccompProfile();
                profile(problems, field, p.getType(), p.getLocalhostProfile(), p.getAdditionalProperties());
            }
            case "appArmorProfile" -> {
                AppArmorProfile p = parsed.getAppArmorProfile();
                profile(problems, field, p.getType(), p.getLocalhostProfile(), p.getAdditionalProperties());
            }
            case "seLinuxOptions" -> seLinux(parsed.getSeLinuxOptions(), problems);
            case "procMount" -> {
                if (!DEFAULT_PROC_MOUNT.equals(parsed.getProcMount())) {
                    problems.put(field, "must be Default: an unmasked /proc is not allowed" + RESTRICTED);
                }
            }
            default -> {
                // readOnlyRootFilesystem: either value is fine
            }
        }
        return problems;
    }

    private static void mustBe(Map<String, String> problems, String field, Boolean value, boolean allowed, String problem) {
        if (!Boolean.valueOf(allowed).equals(value)) {
            problems.put(field, problem + RESTRICTED);
        }
    }

    private static void capabilities(Capabilities capabilities, Map<String, String> problems) {
        if (!capabilities.getAdditionalProperties().isEmpty()) {
            problems.put("capabilities", "has unknown fields " + capabilities.getAdditionalProperties().keySet());
        }
        List<String> add = capabilities.getAdd();
        for (int i = 0; add != null && i < add.size(); i++) {
            if (!NET_BIND_SERVICE.equals(add.get(i))) {
                problems.put("capabilities.add[" + i + "]", "only " + NET_BIND_SERVICE + " may be added: every other capability is dropped"
                        + RESTRICTED);
            }
        }
        List<String> drop = capabilities.getDrop();
        for (int i = 0; drop != null && i < drop.size(); i++) {
            if (drop.get(i) == null || !CAPABILITY.matcher(drop.get(i)).matches()) {
                problems.put("capabilities.drop[" + i + "]", "must be a capability name such as ALL (ALL is always dropped)");
            }
        }
    }

    private static void profile(Map<String, String> problems, String field, String type, String localhostProfile,
            Map<String, Object> unknown) {
        if (!unknown.isEmpty()) {
            problems.put(field, "has unknown fields " + unknown.keySet());
        } else if (!RUNTIME_DEFAULT.equals(type) && !LOCALHOST.equals(type)) {
            problems.put(field + ".type", "must be " + RUNTIME_DEFAULT + " or " + LOCALHOST + " (Unconfined is not allowed)" + RESTRICTED);
        } else if (LOCALHOST.equals(type) && (localhostProfile == null || !LOCALHOST_PROFILE.matcher(localhostProfile).matches())) {
            problems.put(field + ".localhostProfile", "must be the relative path of a profile on the node (no '..') with type Localhost");
        } else if (RUNTIME_DEFAULT.equals(type) && localhostProfile != null) {
            problems.put(field + ".localhostProfile", "is only allowed with type Localhost");
        }
    }

    private static void seLinux(SELinuxOptions options, Map<String, String> problems) {
        if (!options.getAdditionalProperties().isEmpty()) {
            problems.put("seLinuxOptions", "has unknown fields " + options.getAdditionalProperties().keySet());
        }
        if (options.getType() != null) {
            problems.put("seLinuxOptions.type", "must not be set: the container runtime's type applies" + RESTRICTED);
        }
        if (options.getUser() != null) {
            problems.put("seLinuxOptions.user", "must not be set" + RESTRICTED);
        }
        if (options.getRole() != null) {
            problems.put("seLinuxOptions.role", "must not be set" + RESTRICTED);
        }
        if (options.getLevel() != null && !SELINUX_LEVEL.matcher(options.getLevel()).matches()) {
            problems.put("seLinuxOptions.level", "must be an SELinux level such as s0:c123,c456");
        }
    }

    /**
     * The container's securityContext as rendered: the requested fields, with the restricted settings
     * forced whatever the request (or an event recorded before these rules) says.
     */
    public static SecurityContext container(Map<String, String> requestedTexts) {
        SecurityContext context = requested(requestedTexts);
        context.setRunAsNonRoot(true);
        context.setAllowPrivilegeEscalation(false);
        if (Boolean.TRUE.equals(context.getPrivileged())) {
            context.setPrivileged(false);
        }
        if (context.getRunAsUser() != null && context.getRunAsUser() < 1) {
            context.setRunAsUser(null);
        }
        List<String> add = context.getCapabilities() == null || context.getCapabilities().getAdd() == null ? List.of()
                : context.getCapabilities().getAdd().stream().filter(NET_BIND_SERVICE::equals).distinct().toList();
        context.setCapabilities(new CapabilitiesBuilder().withAdd(add.isEmpty() ? null : new ArrayList<>(add)).withDrop(DROP_ALL).build());
        SeccompProfile seccomp = context.getSeccompProfile();
        if (seccomp == null || !LOCALHOST.equals(seccomp.getType()) || seccomp.getLocalhostProfile() == null) {
            context.setSeccompProfile(runtimeDefault());
        }
        AppArmorProfile appArmor = context.getAppArmorProfile();
        if (appArmor != null && !RUNTIME_DEFAULT.equals(appArmor.getType())
                && !(LOCALHOST.equals(appArmor.getType()) && appArmor.getLocalhostProfile() != null)) {
            context.setAppArmorProfile(null);
        }
        SELinuxOptions seLinux = context.getSeLinuxOptions();
        if (seLinux != null) {
            // only the level stays: a type, user or role would change what the container may do
            context.setSeLinuxOptions(seLinux.getLevel() == null ? null
                    : new SELinuxOptionsBuilder().withLevel(seLinux.getLevel()).build());
        }
        if (context.getProcMount() != null && !DEFAULT_PROC_MOUNT.equals(context.getProcMount())) {
            context.setProcMount(null);
        }
        context.setWindowsOptions(null);
        return context;
    }

    /**
     * The pod's securityContext. The original platform puts the caller's securityContext on the pod: so do
     * we, with the fields a pod-level securityContext has (user, group, non-root, SELinux level, seccomp and
     * AppArmor profiles), as restricted as {@link #container} renders them, so the pod runs non-root with a
     * seccomp profile also without a request. Privilege, capabilities, the root filesystem and procMount
     * exist per container only and stay there.
     */
    public static PodSecurityContext pod(Map<String, String> requestedTexts) {
        SecurityContext restricted = container(requestedTexts);
        return new PodSecurityContextBuilder()
                .withRunAsNonRoot(restricted.getRunAsNonRoot())
                .withRunAsUser(restricted.getRunAsUser())
                .withRunAsGroup(restricted.getRunAsGroup())
                .withSeLinuxOptions(restricted.getSeLinuxOptions())
                .withSeccompProfile(restricted.getSeccompProfile())
                .withAppArmorProfile(restricted.getAppArmorProfile())
                .build();
    }

    private static SeccompProfile runtimeDefault() {
        return new SeccompProfileBuilder().withType(RUNTIME_DEFAULT).build();
    }

    private static SecurityContext requested(Map<String, String> texts) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        if (texts == null) {
            return new SecurityContext();
        }
        try {
            for (var entry : texts.entrySet()) {
                object.set(entry.getKey(), MAPPER.readTree(entry.getValue()));
            }
            return MAPPER.treeToValue(object, SecurityContext.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Stored securityContext is not valid JSON", e);
        }
    }
}
