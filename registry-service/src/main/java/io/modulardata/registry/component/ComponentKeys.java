package io.modulardata.registry.component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/** Identity of a component version: its key and its content hash. */
public final class ComponentKeys {

    private ComponentKeys() {
    }

    /** "{componentId}-{componentVersion}"; unambiguous because ids hold no dots and versions start with digits. */
    public static String key(String componentId, String componentVersion) {
        return componentId + "-" + componentVersion;
    }

    /**
     * First 16 hex digits of sha256("{id}-{version}-{capabilities}"), the capabilities written as the
     * original platform wrote a list (['a', 'b']) so hashes match the ones it issued.
     */
    public static String hash(String componentId, String componentVersion, List<String> capabilities) {
        String listText = capabilities.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", ", "[", "]"));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((componentId + "-" + componentVersion + "-" + listText).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
