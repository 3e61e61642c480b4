package io.modulardata.registry.component;

import io.modulardata.events.ComponentStatus;
import io.modulardata.kit.problem.ApiProblemException;

/** A component version only moves forward: ACTIVE → DEPRECATED → SUNSET → ARCHIVED (steps may be skipped). */
public final class ComponentLifecycle {

    private ComponentLifecycle() {
    }

    public static boolean canMove(ComponentStatus from, ComponentStatus to) {
        return to.ordinal() > from.ordinal();
    }

    /** Throws a 409 problem unless {@code to} lies ahead of {@code from}. */
    public static void requireForward(ComponentStatus from, ComponentStatus to) {
        if (!canMove(from, to)) {
            throw ApiProblemException.conflict("A component version cannot move from " + from + " to " + to
                    + "; the lifecycle only moves forward: ACTIVE → DEPRECATED → SUNSET → ARCHIVED");
        }
    }
}
