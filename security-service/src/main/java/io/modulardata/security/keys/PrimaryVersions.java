package io.modulardata.security.keys;

import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.security.SecurityConfig;

/**
 * Each tenant's primary key version, remembered for a short time so an encrypt needs no database read.
 * A rotation or import on this instance updates it at once (after commit); one on another instance is
 * seen when the entry expires ({@code modulardata.security.primary-version-cache}, 0 turns it off).
 * Versions only grow, so a late, older read never replaces a newer version.
 */
@ApplicationScoped
public class PrimaryVersions {

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;

    public PrimaryVersions(SecurityConfig config) {
        this.ttlNanos = config.primaryVersionCache().toNanos();
    }

    public OptionalInt get(String tenantId) {
        Entry entry = entries.get(tenantId);
        if (entry == null || System.nanoTime() - entry.loadedAt() > ttlNanos) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(entry.version());
    }

    /** Remembers a committed primary version. */
    public void offer(String tenantId, int version) {
        if (ttlNanos > 0) {
            Entry fresh = new Entry(version, System.nanoTime());
            entries.merge(tenantId, fresh, (old, next) -> next.version() >= old.version() ? next : old);
        }
    }

    private record Entry(int version, long loadedAt) {
    }
}
