package io.modulardata.security.keys;

import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.modulardata.security.SecurityConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Each tenant's primary key version, remembered for a short time so most encrypts need no database
 * read, and read with one plain query (no ORM session, no transaction) when it expired. A rotation or
 * import on this instance updates it at once (after commit); one on another instance is seen when the
 * entry expires ({@code modulardata.security.primary-version-cache}, 0 turns the memory off). Versions
 * only grow, so a late, older read never replaces a newer version.
 */
@ApplicationScoped
public class PrimaryVersions {

    private final Pool pool;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final LongSupplier nanoTime;

    @Inject
    public PrimaryVersions(Pool pool, SecurityConfig config) {
        this(pool, config, System::nanoTime);
    }

    /** Tests give the ticker entries age by. */
    PrimaryVersions(Pool pool, SecurityConfig config, LongSupplier nanoTime) {
        this.pool = pool;
        this.ttlNanos = config.primaryVersionCache().toNanos();
        this.nanoTime = nanoTime;
    }

    /** The committed primary version, or empty when the tenant has no key ring yet. */
    public Uni<OptionalInt> current(String tenantId) {
        Entry entry = entries.get(tenantId);
        if (entry != null && nanoTime.getAsLong() - entry.loadedAt() <= ttlNanos) {
            return Uni.createFrom().item(OptionalInt.of(entry.version()));
        }
        return pool.preparedQuery("select primary_version from key_ring where tenant_id = $1").execute(Tuple.of(tenantId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return OptionalInt.empty();
                    }
                    Row row = rows.iterator().next();
                    int version = row.getInteger(0);
                    offer(tenantId, version);
                    return OptionalInt.of(version);
                });
    }

    /** Remembers a committed primary version. */
    /** Forgets the tenant's version (its keys were shredded). */
    public void forget(String tenantId) {
        entries.remove(tenantId);
    }

    public void offer(String tenantId, int version) {
        if (ttlNanos > 0) {
            Entry fresh = new Entry(version, nanoTime.getAsLong());
            entries.merge(tenantId, fresh, (old, next) -> next.version() >= old.version() ? next : old);
        }
    }

    private record Entry(int version, long loadedAt) {
    }
}
