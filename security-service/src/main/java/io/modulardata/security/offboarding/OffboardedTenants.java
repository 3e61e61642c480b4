package io.modulardata.security.offboarding;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.modulardata.kit.problem.ApiProblemException;
import io.modulardata.kit.problem.Problem;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The tenants that left, in memory: read from offboarded_tenant at start, then learnt from this instance's
 * shredding or another's ({@code TenantKeysShredded}). Asked on every request for a tenant, so no query.
 */
@ApplicationScoped
public class OffboardedTenants {

    private final Pool pool;
    private final Set<String> tenants = ConcurrentHashMap.newKeySet();

    public OffboardedTenants(Pool pool) {
        this.pool = pool;
    }

    void load(@Observes StartupEvent started) {
        pool.query("select tenant_id from offboarded_tenant").execute().await().indefinitely()
                .forEach(row -> tenants.add(row.getString(0)));
    }

    public boolean contains(String tenantId) {
        return tenantId != null && tenants.contains(tenantId);
    }

    void learn(String tenantId) {
        tenants.add(tenantId);
    }

    /** 410 for data of a tenant that left: its keys are gone. */
    public static ApiProblemException keysShredded(String tenantId) {
        return new ApiProblemException(Problem.of(410, "key-shredded", "Key shredded",
                "The keys of tenant " + tenantId + " were destroyed when it was offboarded; its data can never be decrypted again"));
    }
}
