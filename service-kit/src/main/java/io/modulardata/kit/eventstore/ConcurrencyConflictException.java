package io.modulardata.kit.eventstore;

/** Another command appended to the same aggregate first; the caller may retry with fresh state. */
public class ConcurrencyConflictException extends RuntimeException {

    public ConcurrencyConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
