package io.modulardata.audit.chain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;

/**
 * The canonical bytes of an entry (see {@link EntryHasher}), computed before the entry has a sequence
 * number: {@code head} is everything up to {@code "sequence":}, {@code tail} everything after the
 * number. Ingest prepares these while the previous batch is still being written, so that placing an
 * entry on the chain (under the writer lock) is only one SHA-256 over bytes that already exist.
 * {@code payloadJson} is the canonical payload, the text stored in the payload column.
 */
public record CanonicalEntry(AuditEntry entry, byte[] head, byte[] tail, String payloadJson) {

    // The head is an unfinished object: closing the generator must not finish it.
    private static final JsonFactory FACTORY = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_CONTENT).build();
    private static final HexFormat HEX = HexFormat.of();

    /** Members sorted by name, as {@link CanonicalJson} orders them; "sequence" falls between "payload" and "tenantId". */
    public static CanonicalEntry of(AuditEntry entry) {
        String payload = CanonicalJson.string(entry.payload());
        try {
            ByteArrayOutputStream head = new ByteArrayOutputStream(256 + payload.length());
            try (JsonGenerator json = FACTORY.createGenerator(head)) {
                json.writeStartObject();
                json.writeStringField("actor", entry.actor());
                json.writeStringField("aggregateId", entry.aggregateId());
                json.writeNumberField("aggregateVersion", entry.aggregateVersion());
                json.writeStringField("correlationId", entry.correlationId());
                json.writeStringField("eventId", entry.eventId());
                json.writeStringField("eventType", entry.eventType());
                json.writeNumberField("occurredAt", entry.occurredAt().toEpochMilli());
                json.writeNumberField("offset", entry.offset());
                json.writeNumberField("partition", entry.partition());
                json.writeFieldName("payload");
                json.writeRawValue(payload);
            }
            head.write(",\"sequence\":".getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream tail = new ByteArrayOutputStream(64);
            tail.write(",\"tenantId\":".getBytes(StandardCharsets.UTF_8));
            tail.write(quoted(entry.tenantId()));
            tail.write(",\"topic\":".getBytes(StandardCharsets.UTF_8));
            tail.write(quoted(entry.topic()));
            tail.write('}');
            return new CanonicalEntry(entry, head.toByteArray(), tail.toByteArray(), payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The canonical bytes with {@code sequence} in place. */
    public byte[] bytes(long sequence) {
        byte[] number = Long.toString(sequence).getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + number.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(number, 0, all, head.length, number.length);
        System.arraycopy(tail, 0, all, head.length + number.length, tail.length);
        return all;
    }

    /** {@code SHA-256(previousHash || canonical bytes)} as 64 hex digits, this entry placed at {@code sequence}. */
    public String hash(String previousHash, long sequence) {
        MessageDigest sha = sha256();
        sha.update(HEX.parseHex(previousHash));
        sha.update(head);
        sha.update(Long.toString(sequence).getBytes(StandardCharsets.US_ASCII));
        sha.update(tail);
        return HEX.formatHex(sha.digest());
    }

    /** A JSON string as the canonical form writes it (Jackson's escaping), quotes included. */
    private static byte[] quoted(String value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length() + 2);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeString(value);
        }
        return out.toByteArray();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
