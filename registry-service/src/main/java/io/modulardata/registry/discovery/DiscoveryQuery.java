package io.modulardata.registry.discovery;

import java.util.List;

import io.modulardata.kit.problem.FieldErrors;
import io.modulardata.registry.component.CatalogueTerms;
import io.modulardata.registry.component.ClearanceLevel;

/** What a tenant looks for: all of these capabilities, any of these formats (in any letter case), at least this clearance. */
public record DiscoveryQuery(List<String> capabilities, List<String> dataFormats, ClearanceLevel minClearance) {

    static final int MAX_TERMS = 50;

    public static DiscoveryQuery parse(List<String> capabilities, List<String> dataFormats, String minClearance) {
        FieldErrors errors = new FieldErrors();
        if (capabilities.size() > MAX_TERMS) {
            errors.add("capability", "at most " + MAX_TERMS + " values");
        }
        if (dataFormats.size() > MAX_TERMS) {
            errors.add("dataFormat", "at most " + MAX_TERMS + " values");
        }
        ClearanceLevel clearance = minClearance == null ? ClearanceLevel.PUBLIC : ClearanceLevel.parse(minClearance);
        if (clearance == null) {
            errors.add("minClearance", "must be one of public, internal, confidential, restricted");
        }
        errors.throwIfAny();
        return new DiscoveryQuery(CatalogueTerms.canonical(capabilities), CatalogueTerms.canonical(dataFormats), clearance);
    }
}
