package io.modulardata.identity;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The organisation's role names that stand for ours ({@code MDP_OIDC_ROLE_MAPPING}): a token's roles become ours
 * through it, each either renamed by the mapping or already named like one of ours; every other role is dropped.
 */
public final class RoleMapping {

    /** No renaming: only roles already named like ours count. */
    public static final RoleMapping NONE = new RoleMapping(Map.of());

    /** The provider's name -> ours. */
    private final Map<String, String> names;

    private RoleMapping(Map<String, String> names) {
        this.names = names;
    }

    /** The organisation's mapping; refused at start like {@link #parse(List)}. */
    public static RoleMapping of(OrganisationIssuerSettings settings) {
        return parse(settings.roleMapping().orElse(List.of()));
    }

    /** {@code providerRole=ourRole} entries; a mapping to anything but one of our roles is a configuration error. */
    public static RoleMapping parse(List<String> entries) {
        Map<String, String> mapping = new HashMap<>();
        for (String entry : entries) {
            int equals = entry.lastIndexOf('=');
            String ours = equals < 0 ? "" : entry.substring(equals + 1).trim();
            if (equals <= 0 || !Roles.ALL.contains(ours)) {
                throw new IllegalArgumentException("MDP_OIDC_ROLE_MAPPING: '" + entry + "' is not providerRole=ourRole, ourRole one of " + Roles.ALL);
            }
            mapping.put(entry.substring(0, equals).trim(), ours);
        }
        return new RoleMapping(Map.copyOf(mapping));
    }

    /** The granted roles that are ours once renamed, as a new set the caller may change. */
    public Set<String> ourRoles(Set<String> granted) {
        Set<String> ours = new HashSet<>();
        for (String role : granted) {
            String mapped = names.getOrDefault(role, role);
            if (Roles.ALL.contains(mapped)) {
                ours.add(mapped);
            }
        }
        return ours;
    }

    /** The provider's names and ours they stand for. */
    Map<String, String> names() {
        return names;
    }
}
