package io.modulardata.registry.component;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Capabilities and data formats are names that ignore letter case (the original platform took
 * "Parquet"); we store, publish and answer them in lowercase, so discovery compares them as equal.
 */
public final class CatalogueTerms {

    private CatalogueTerms() {
    }

    public static String canonical(String term) {
        return term.toLowerCase(Locale.ROOT);
    }

    /** Lowercase and without repeats, in first-seen order: an event in the log may hold "Parquet" and "parquet". */
    public static List<String> canonical(Collection<String> terms) {
        return terms.stream().map(CatalogueTerms::canonical).distinct().toList();
    }
}
