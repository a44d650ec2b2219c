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
    static final String GRANT_ROLE = "postgresql:index/grantRole:GrantRole";

    static final PolicyInfo INFO = new PolicyInfo(
            "app-roles-not-superuser",
            "Application database roles must not have SUPERUSER or CREATEROLE, nor be members of a superuser-equivalent role "
                    + "(postgres, pg_execute_server_program, rds_superuser, ...); CREATEDB is fine",
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
            var name = r.get("name").isNull() ? new Prop.Str(r.name()) : r.get("name");
            checkRole(r, "role", name, r.properties(), Postgres.ROLE_SUPERUSER, Postgres.ROLE_CREATE_ROLE, allowed, findings);
            checkMemberships(r, "role", name, r.get("roles"), allowed, findings);
        } else if (r.type().equals(GRANT_ROLE)) {
            checkMemberships(r, "role", r.get("role"), new Prop.Arr(List.of(r.get("grantRole"))), allowed, findings);
        } else if (r.isKind("postgresql.cnpg.io", "Cluster")) {
            var roles = r.get("spec").get("managed").get("roles");
            if (opaque(roles)) {
                findings.undecidable(r, "spec.managed.roles of " + ResourceLabels.of(r));
            }
            for (var role : items(roles)) {
                checkRole(r, "managed role", role.get("name"), role, "superuser", "createrole", allowed, findings);
                checkMemberships(r, "managed role", role.get("name"), role.get("inRoles"), allowed, findings);
            }
        }
    }

    /** Issue 23: a membership in a superuser-equivalent role is that role's power (on PostgreSQL 15, SET ROLE to it). */
    private static void checkMemberships(PolicyResource r, String what, Prop name, Prop memberships, Set<String> allowed,
                                         Findings findings) {
        if (memberships.isNull()) {
            return;
        }
        var label = ResourceLabels.of(r);
        if (opaque(memberships)) {
            findings.undecidable(r, "the memberships of " + what + " " + PropReads.show(name) + " in " + label);
            return;
        }
        var privileged = new TreeSet<String>();
        for (var m : items(memberships)) {
            if (opaque(m)) {
                findings.undecidable(r, "a membership of " + what + " " + PropReads.show(name) + " in " + label);
            } else {
                m.string().filter(Postgres.SUPERUSER_EQUIVALENT_ROLES::contains).ifPresent(privileged::add);
            }
        }
        if (privileged.isEmpty()) {
            return;
        }
        if (opaque(name)) {
            findings.undecidable(r, "the name of a " + what + " that is a member of " + privileged + " in " + label);
            return;
        }
        var roleName = name.string().orElse("");
        if (!allowed.contains(roleName)) {
            findings.violation(r, label + ": " + what + " " + roleName + " is a member of " + String.join(", ", privileged)
                    + ", which gives it a superuser's power (or every table); grant the application only its own objects, "
                    + "or list it in allowedRoles if it is an admin role");
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
