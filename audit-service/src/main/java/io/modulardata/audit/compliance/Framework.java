package io.modulardata.audit.compliance;

import java.util.List;

import static io.modulardata.audit.compliance.Section.ACCESS_GRANTS;
import static io.modulardata.audit.compliance.Section.COMPLIANCE_CONFIGURATION_CHANGES;
import static io.modulardata.audit.compliance.Section.DATA_RETENTION_AND_SUBJECTS;
import static io.modulardata.audit.compliance.Section.DEPLOYMENTS;
import static io.modulardata.audit.compliance.Section.ENCRYPTION_OPERATIONS;
import static io.modulardata.audit.compliance.Section.LIFECYCLE_CHANGES;
import static io.modulardata.audit.compliance.Section.POLICY_CHANGES;
import static io.modulardata.audit.compliance.Section.TENANT_CONFIGURATION_CHANGES;

/** The frameworks a compliance report is written for, and the sections each asks for (chain verification always). */
public enum Framework {

    /** Access reviews (CC6), change management (CC8), configuration and policy changes. */
    SOC2(ACCESS_GRANTS, LIFECYCLE_CHANGES, DEPLOYMENTS, TENANT_CONFIGURATION_CHANGES, POLICY_CHANGES),
    /** Retention and data-subject settings (Art. 5, 17), security of processing (Art. 32), who got access. */
    GDPR(DATA_RETENTION_AND_SUBJECTS, COMPLIANCE_CONFIGURATION_CHANGES, ENCRYPTION_OPERATIONS, ACCESS_GRANTS,
            TENANT_CONFIGURATION_CHANGES),
    /** Access control (164.308(a)(4)), encryption (164.312(a)(2)(iv), (e)), policies; the chain is the audit control (164.312(b)). */
    HIPAA(ACCESS_GRANTS, ENCRYPTION_OPERATIONS, COMPLIANCE_CONFIGURATION_CHANGES, POLICY_CHANGES),
    /** Need-to-know access (Req. 7), protection of stored data (Req. 3), change control (Req. 6), policies (Req. 12). */
    PCI_DSS(ACCESS_GRANTS, ENCRYPTION_OPERATIONS, DEPLOYMENTS, LIFECYCLE_CHANGES, COMPLIANCE_CONFIGURATION_CHANGES,
            POLICY_CHANGES);

    private final List<Section> sections;

    Framework(Section... sections) {
        this.sections = List.of(sections);
    }

    public List<Section> sections() {
        return sections;
    }
}
