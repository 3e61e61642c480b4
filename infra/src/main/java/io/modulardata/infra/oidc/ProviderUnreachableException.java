package io.modulardata.infra.oidc;

/** Nothing answered at the issuer's address: the provider is not running, or the address is wrong. */
public final class ProviderUnreachableException extends TokenRequestException {

    public ProviderUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
