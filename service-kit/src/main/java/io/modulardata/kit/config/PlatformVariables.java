package io.modulardata.kit.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.EnvConfigSource;

/**
 * One prefix for every environment variable a user sets: {@code MDP_}. A {@code modulardata.*} setting is read
 * from {@code MDP_<NAME>} (e.g. {@code modulardata.rollout.lease-duration} from {@code MDP_ROLLOUT_LEASE_DURATION}),
 * and the configuration files refer to {@code MDP_*} variables only (e.g. {@code MDP_KAFKA_BOOTSTRAP_SERVERS}).
 * The names of the earlier releases ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code MODULARDATA_ROLLOUT_LEASE_DURATION}, …)
 * keep working for one release, each with a warning naming its new name; the new name wins when both are set.
 */
public class PlatformVariables implements ConfigSourceInterceptor {

    static final String PREFIX = "MDP_";
    private static final String LEGACY_PREFIX = "MODULARDATA_";
    private static final String SETTINGS = "modulardata.";

    /** New name -> the earlier name without a prefix (names with MODULARDATA_ are derived, not listed). */
    static final Map<String, String> UNPREFIXED = Map.ofEntries(
            Map.entry("MDP_KAFKA_BOOTSTRAP_SERVERS", "KAFKA_BOOTSTRAP_SERVERS"),
            Map.entry("MDP_APICURIO_REGISTRY_URL", "APICURIO_REGISTRY_URL"),
            Map.entry("MDP_POSTGRES_HOST", "POSTGRES_HOST"),
            Map.entry("MDP_POSTGRES_PORT", "POSTGRES_PORT"),
            Map.entry("MDP_POSTGRES_DB", "POSTGRES_DB"),
            Map.entry("MDP_POSTGRES_USER", "POSTGRES_USER"),
            Map.entry("MDP_POSTGRES_PASSWORD", "POSTGRES_PASSWORD"),
            Map.entry("MDP_POSTGRES_MIGRATION_USER", "POSTGRES_MIGRATION_USER"),
            Map.entry("MDP_POSTGRES_MIGRATION_PASSWORD", "POSTGRES_MIGRATION_PASSWORD"),
            Map.entry("MDP_JWT_PUBLIC_KEY_LOCATION", "JWT_PUBLIC_KEY_LOCATION"),
            Map.entry("MDP_JWT_ISSUER", "JWT_ISSUER"),
            Map.entry("MDP_AUDIT_TOPICS", "AUDIT_TOPICS"),
            Map.entry("MDP_AUDIT_SIGNING_KEY_FILE", "AUDIT_SIGNING_KEY_FILE"));

    private static final Map<String, String> NEW_NAMES = UNPREFIXED.entrySet().stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

    // Config is read before Quarkus rewrites io.quarkus.logging.Log calls (at build time too): the plain logger.
    private static final Logger LOG = Logger.getLogger(PlatformVariables.class);

    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        if (name.startsWith(SETTINGS)) {
            return setting(context, name);
        }
        ConfigValue value = context.proceed(name);
        if (value != null && value.getConfigSourceOrdinal() == EnvConfigSource.ORDINAL) {
            return readUnderItsNewName(context, name, value);
        }
        if (value != null || !name.startsWith(PREFIX)) {
            return value;
        }
        String earlier = earlierName(name);
        ConfigValue legacy = context.proceed(earlier);
        if (legacy == null) {
            return null;
        }
        warnOnce(earlier, name);
        return legacy.withName(name);
    }

    /**
     * An earlier variable can also be the environment's spelling of a property ({@code KAFKA_BOOTSTRAP_SERVERS} of
     * {@code kafka.bootstrap.servers}), read before the file that refers to the new variable: the new one wins.
     */
    private ConfigValue readUnderItsNewName(ConfigSourceInterceptorContext context, String name, ConfigValue value) {
        String asVariable = name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
        String current = NEW_NAMES.get(asVariable);
        if (current == null) {
            return value;
        }
        ConfigValue currentValue = context.proceed(current);
        if (currentValue != null) {
            return currentValue.withName(name);
        }
        warnOnce(asVariable, current);
        return value;
    }

    /** {@code modulardata.x}: a system property first, then {@code MDP_X}, then the files (or the earlier {@code MODULARDATA_X}). */
    private ConfigValue setting(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (value != null && value.getConfigSourceOrdinal() > EnvConfigSource.ORDINAL) {
            return value;
        }
        String variable = variableOf(name);
        ConfigValue prefixed = context.proceed(variable);
        if (prefixed != null) {
            return prefixed.withName(name);
        }
        if (value != null && value.getConfigSourceOrdinal() == EnvConfigSource.ORDINAL) {
            warnOnce(LEGACY_PREFIX + variable.substring(PREFIX.length()), variable);
        }
        return value;
    }

    /** {@code modulardata.rollout.lease-duration} -> {@code MDP_ROLLOUT_LEASE_DURATION}, as environment variables are named. */
    static String variableOf(String setting) {
        return PREFIX + setting.substring(SETTINGS.length()).replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The name an {@code MDP_} variable had before: listed, or the same after {@code MODULARDATA_}. */
    static String earlierName(String variable) {
        return UNPREFIXED.getOrDefault(variable, LEGACY_PREFIX + variable.substring(PREFIX.length()));
    }

    private void warnOnce(String earlier, String current) {
        if (warned.add(earlier)) {
            LOG.warnf("The environment variable %s is deprecated and will be removed in the next release: set %s instead",
                    earlier, current);
        }
    }
}
