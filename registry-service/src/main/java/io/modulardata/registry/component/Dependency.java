package io.modulardata.registry.component;

/** A dependency on any version of a component ("etl-core") or on one version ("etl-core@2.1.0"). */
public record Dependency(String componentId, String componentVersion) {

    public static Dependency parse(String text) {
        int at = text.indexOf('@');
        return at < 0 ? new Dependency(text, null) : new Dependency(text.substring(0, at), text.substring(at + 1));
    }

    public boolean pinsVersion() {
        return componentVersion != null;
    }

    @Override
    public String toString() {
        return pinsVersion() ? componentId + "@" + componentVersion : componentId;
    }
}
