package io.modulardata.security.compliance;

import io.modulardata.events.ComplianceConfigured;

/** Decides the events of the compliance aggregate (id = tenant/framework). */
public final class ComplianceEvents {

    private ComplianceEvents() {
    }

    /** The whole effective settings of a framework (JSON text), without the envelope. */
    public static ComplianceConfigured configured(String framework, String settings) {
        ComplianceConfigured event = new ComplianceConfigured();
        event.setFramework(framework);
        event.setSettings(settings);
        return event;
    }
}
