package io.modulardata.registry.component;

import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

import io.modulardata.kit.problem.FieldErrors;

/**
 * The container images a component version declares: deployment-service runs nothing else for it. An
 * entry is {@code repository} (any tag of it), {@code repository:tag} (exactly that tag) or
 * {@code repository@sha256:<64 hex>} (exactly that digest). The repository is lowercase
 * {@code host[:port]/path} as a container runtime accepts it; a port needs a path after it, so
 * {@code localhost:5000} is read as repository {@code localhost}, tag {@code 5000}.
 */
public final class ImageReferences {

    static final Pattern REFERENCE = Pattern.compile(
            "(?<repository>[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]{1,5}(?=/))?(/[a-z0-9]+([._-][a-z0-9]+)*)*)"
            + "(:(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})|@(?<digest>sha256:[0-9a-f]{64}))?");
    static final int MAX_LENGTH = 512;
    static final int MAX_IMAGES = 20;

    private ImageReferences() {
    }

    /** Optional list: each entry a valid reference, no repeats, at most {@value #MAX_IMAGES} entries. */
    static void check(String field, List<String> images, FieldErrors errors) {
        if (images == null) {
            return;
        }
        if (images.size() > MAX_IMAGES) {
            errors.add(field, "must contain at most " + MAX_IMAGES + " values");
            return;
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < images.size(); i++) {
            String image = images.get(i);
            String at = field + "[" + i + "]";
            if (image == null || image.length() > MAX_LENGTH || !REFERENCE.matcher(image).matches()) {
                errors.add(at, "must be an image reference: repository (any tag), repository:tag or repository@sha256:<64 hex digits>,"
                        + " e.g. registry.example.com/data/etl-core:2.1.0");
            } else if (!seen.add(image)) {
                errors.add(at, "repeats '" + image + "'");
            }
        }
    }
}
