package io.modulardata.deployment.deploy;

import java.util.regex.Pattern;

import io.modulardata.kit.problem.FieldErrors;

/**
 * Checks the ids in request paths, so a malformed one answers 400 naming it instead of a lookup that
 * cannot succeed. The tenantId rule is registry-service's (it becomes part of Kubernetes names).
 */
public final class PathIds {

    static final Pattern TENANT_ID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?");
    /** Deployment ids are random UUIDs in their canonical lowercase form. */
    static final Pattern DEPLOYMENT_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private PathIds() {
    }

    public static String tenantId(String tenantId) {
        new FieldErrors().text("tenantId", tenantId, 32, TENANT_ID, "1 to 32 lowercase letters, digits or '-'").throwIfAny();
        return tenantId;
    }

    public static String deploymentId(String deploymentId) {
        new FieldErrors().text("deploymentId", deploymentId, 36, DEPLOYMENT_ID, "a deployment id as returned by the deploy call (a UUID)")
                .throwIfAny();
        return deploymentId;
    }
}
