package io.modulardata.kit.web;

import io.modulardata.kit.problem.InvalidRequestException;

/** Checks shared by every resource that takes a JSON body. */
public final class RequestBodies {

    private RequestBodies() {
    }

    /** An empty body (or JSON null) is a client error that names the body, not a NullPointerException. */
    public static <T> T require(T body) {
        if (body == null) {
            throw new InvalidRequestException("body", "a JSON object is required");
        }
        return body;
    }
}
