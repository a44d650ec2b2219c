package dev.citadel.identity;

import java.util.List;

/**
 * A realm group, possibly with sub-groups. Tokens carry plain group names (the group mapper runs with full
 * path off, seed 000), so a name must be unique in the whole realm, not only among its siblings.
 */
public record Group(String name, List<Group> subGroups) {

    public Group {
        subGroups = List.copyOf(subGroups);
    }

    public static Group of(String name, Group... subGroups) {
        return new Group(name, List.of(subGroups));
    }

    /** {@code /parent/child}: how Keycloak addresses the group (default groups, admin API). */
    String path(String parentPath) {
        return parentPath + "/" + name;
    }
}
