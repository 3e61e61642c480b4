package io.modulardata.kit.config;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.DefaultValuesConfigSource;

/**
 * Settings that moved keep working under their earlier names: a setting not given under its new name is
 * read from its old one, with a warning naming the new one. Old names are listed under their new names
 * too, so no config root reports them as unknown.
 */
public class RenamedProperties implements ConfigSourceInterceptor {

    /** New prefix -> the prefix it replaced. */
    static final Map<String, String> RENAMED_PREFIXES = Map.of(
            "modulardata.group-commit.", "modulardata.security.group-commit.");

    // Config is read before Quarkus rewrites io.quarkus.logging.Log calls (at build time too): the plain logger.
    private static final Logger LOG = Logger.getLogger(RenamedProperties.class);

    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (value != null && !isDefault(value)) {
            return value;
        }
        for (Map.Entry<String, String> renamed : RENAMED_PREFIXES.entrySet()) {
            if (name.startsWith(renamed.getKey())) {
                String oldName = renamed.getValue() + name.substring(renamed.getKey().length());
                ConfigValue old = context.proceed(oldName);
                if (old == null || isDefault(old)) {
                    return value;
                }
                if (warned.add(oldName)) {
                    LOG.warnf("%s is deprecated and will be removed: set %s instead", oldName, name);
                }
                return old.withName(name);
            }
        }
        return value;
    }

    /** A mapping's default for the new name must not hide a value given under the old one. */
    private static boolean isDefault(ConfigValue value) {
        return value.getConfigSourceOrdinal() == DefaultValuesConfigSource.ORDINAL;
    }

    @Override
    public Iterator<String> iterateNames(ConfigSourceInterceptorContext context) {
        Set<String> names = new LinkedHashSet<>();
        context.iterateNames().forEachRemaining(name -> names.add(newName(name)));
        return names.iterator();
    }

    static String newName(String name) {
        for (Map.Entry<String, String> renamed : RENAMED_PREFIXES.entrySet()) {
            if (name.startsWith(renamed.getValue())) {
                return renamed.getKey() + name.substring(renamed.getValue().length());
            }
        }
        return name;
    }
}
