package io.modulardata.audit.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import io.modulardata.audit.chain.AuditEntry;
import io.modulardata.kit.problem.InvalidRequestException;

/** A page boundary: the (occurredAt, sequence) of the last entry of the previous page, opaque to clients. */
public record Cursor(Instant occurredAt, long sequence) {

    public static Cursor after(AuditEntry entry) {
        return new Cursor(entry.occurredAt(), entry.sequence());
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((occurredAt.toEpochMilli() + ":" + sequence).getBytes(StandardCharsets.US_ASCII));
    }

    public static Cursor decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII).split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException();
            }
            return new Cursor(Instant.ofEpochMilli(Long.parseLong(parts[0])), Long.parseLong(parts[1]));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("cursor", "not a cursor this service handed out");
        }
    }
}
