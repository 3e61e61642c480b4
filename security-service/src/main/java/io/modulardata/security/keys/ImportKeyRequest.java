package io.modulardata.security.keys;

/** {@code fernetKey}: url-safe base64 of 32 bytes, as Python's {@code Fernet.generate_key()} makes. */
public record ImportKeyRequest(String fernetKey) {

    @Override
    public String toString() {
        return "ImportKeyRequest[fernetKey=redacted]";
    }
}
