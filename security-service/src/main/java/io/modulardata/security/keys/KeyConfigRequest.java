package io.modulardata.security.keys;

public record KeyConfigRequest(Integer minDecryptionVersion) {
}
