package io.modulardata.registry.component;

import com.fasterxml.jackson.annotation.JsonValue;

import io.modulardata.events.SecurityClearance;

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

    /** Parses the API spelling; null when unknown. */
    public static ClearanceLevel parse(String text) {
        for (ClearanceLevel level : values()) {
            if (level.toString().equals(text)) {
                return level;
            }
        }
        return null;
    }

    public boolean isAtLeast(ClearanceLevel other) {
        return compareTo(other) >= 0;
    }
}
