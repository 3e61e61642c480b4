package io.modulardata.infra.oidc;

/** An identity provider did not answer, or refused a request; the message is meant for the user. */
public class TokenRequestException extends RuntimeException {

    public TokenRequestException(String message) {
        super(message);
    }

    public TokenRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
