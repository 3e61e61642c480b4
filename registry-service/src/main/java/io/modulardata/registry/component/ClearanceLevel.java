package io.modulardata.registry.component;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonValue;

import io.modulardata.events.SecurityClearance;
import io.modulardata.kit.json.EnumSpellings;

/** Security clearance as the API spells it, ordered public < internal < confidential < restricted. */
public enum ClearanceLevel {
    PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase();
    }

    public SecurityClearance toEvent() {
        return SecurityClearance.valueOf(name());
    }

    public static ClearanceLevel of(SecurityClearance clearance) {
        return valueOf(clearance.name());
    }

    /** Parses the API's spelling or the original platform's, in any letter case; null when unknown. */
    public static ClearanceLevel parse(String text) {
        return EnumSpellings.parse(ClearanceLevel.class, text).orElse(null);
    }

    /** This level and every higher one. */
    public List<ClearanceLevel> andAbove() {
        return Arrays.asList(values()).subList(ordinal(), values().length);
    }
}
