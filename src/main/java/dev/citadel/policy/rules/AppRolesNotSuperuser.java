package dev.citadel.policy.rules;

import dev.citadel.contract.Postgres;
import dev.citadel.policy.ConfigParam;
import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.Findings;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyArgs;
import dev.citadel.policy.PolicyInfo;
import dev.citadel.policy.PolicyResource;
import dev.citadel.value.Prop;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static dev.citadel.policy.rules.PropReads.items;
import static dev.citadel.policy.rules.PropReads.opaque;

/**
 * Seed 004: Backstage failed with "permission denied to create database"; the fix was
 * {@code ALTER USER backstage_app CREATEDB}, not more. Application roles get what the app needs
 * (CREATEDB is allowed); SUPERUSER and CREATEROLE are admin powers, kept for the roles named in
 * {@code allowedRoles}.
 */
public final class AppRolesNotSuperuser implements Policy.ResourcePolicy {
    static final String ROLE = "postgresql:index/role:Role";

    static final PolicyInfo INFO = new PolicyInfo(
            "app-roles-not-superuser",
            "Application database roles must not have SUPERUSER or CREATEROLE (CREATEDB is fine)",
            EnforcementLevel.MANDATORY,
            "Grant the app what it needs: ownership of its database, and createDatabase: true (CNPG createdb: true) if it makes "
                    + "databases, as Backstage does; keep superuser/createRole for admin roles listed in allowedRoles",
            "004",
            List.of(new ConfigParam("allowedRoles", "array", "admin role names that may have SUPERUSER or CREATEROLE")));

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public void check(PolicyResource r, PolicyArgs args, Findings findings) {
        var allowed = new TreeSet<>(args.strings("allowedRoles"));
        if (r.type().equals(ROLE)) {
            checkRole(r, "role", r.get("name").isNull() ? new Prop.Str(r.name()) : r.get("name"), r.properties(),
                    Postgres.ROLE_SUPERUSER, Postgres.ROLE_CREATE_ROLE, allowed, findings);
        } else if (r.isKind("postgresql.cnpg.io", "Cluster")) {
            var roles = r.get("spec").get("managed").get("roles");
            if (opaque(roles)) {
                findings.undecidable(r, "spec.managed.roles of " + ResourceLabels.of(r));
            }
            for (var role : items(roles)) {
                checkRole(r, "managed role", role.get("name"), role, "superuser", "createrole", allowed, findings);
            }
        }
    }

    private static void checkRole(PolicyResource r, String what, Prop name, Prop role, String superuser, String createRole,
                                  Set<String> allowed, Findings findings) {
        var label = ResourceLabels.of(r);
        var powers = new ArrayList<String>();
        for (var field : List.of(superuser, createRole)) {
            var value = role.get(field);
            if (opaque(value)) {
                findings.undecidable(r, field + " of " + what + " " + PropReads.show(name) + " in " + label);
            } else if (value instanceof Prop.Bool && ((Prop.Bool) value).value()) {
                powers.add(field);
            }
        }
        if (powers.isEmpty()) {
            return;
        }
        if (opaque(name)) {
            findings.undecidable(r, "the name of a " + what + " with " + String.join(" and ", powers) + " in " + label
                    + " (it may be one of allowedRoles)");
            return;
        }
        var roleName = name.string().orElse("");
        if (allowed.contains(roleName)) {
            return;
        }
        findings.violation(r, label + ": " + what + " " + roleName + " has " + String.join(" and ", powers)
                + "; an application role needs neither SUPERUSER nor CREATEROLE (grant CREATEDB if it creates databases), or list it in allowedRoles if it is an admin role");
    }
}
