package io.modulardata.deployment.deployment;

/** Optional body of a rollback: why. */
public record RollbackRequest(String reason) {
}
