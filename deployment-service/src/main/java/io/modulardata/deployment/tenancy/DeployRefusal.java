package io.modulardata.deployment.tenancy;

/**
 * Why a deploy request is refused: an HTTP status, a problem type, the request field it concerns (or
 * null) and a sentence for the caller.
 */
public record DeployRefusal(int status, String type, String field, String detail) {
}
