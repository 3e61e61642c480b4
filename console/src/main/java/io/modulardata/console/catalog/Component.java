package io.modulardata.console.catalog;

import java.util.List;

/** A component and its versions, oldest version first. */
public record Component(String componentId, String componentName, List<ComponentVersion> versions) {

    public ComponentVersion latest() {
        return versions.get(versions.size() - 1);
    }
}
