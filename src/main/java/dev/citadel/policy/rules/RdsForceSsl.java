package dev.citadel.policy.rules;

import dev.citadel.contract.Postgres;
import dev.citadel.policy.ConfigParam;
import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.Findings;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyArgs;
import dev.citadel.policy.PolicyInfo;
import dev.citadel.policy.PolicyResource;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import static dev.citadel.policy.rules.PropReads.items;
import static dev.citadel.policy.rules.PropReads.opaque;

/**
 * Seed 004: Backstage failed with "no pg_hba.conf entry for host ... no encryption" against RDS
 * PostgreSQL 15.15, and was fixed by requiring SSL on the client. The database side should insist too
 * ({@code rds.force_ssl=1} in the parameter group), and the stack's own PostgreSQL provider must not
 * connect without it. AWS's default is the baseline: {@code rds.force_ssl} is 1 on RDS for PostgreSQL 15 and later
 * and 0 on 14 and older, so a postgres15+ group that leaves it out is compliant, an explicit 0 never is, and a
 * postgres14 (or Aurora) group must set 1.
 */
public final class RdsForceSsl implements Policy.ResourcePolicy {
    static final String PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";
    static final String CLUSTER_PARAMETER_GROUP = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
    static final String POSTGRESQL_PROVIDER = "pulumi:providers:postgresql";
    static final Set<String> SECURE_MODES = Set.copyOf(Postgres.SECURE_SSL_MODES);

    static final PolicyInfo INFO = new PolicyInfo(
            "rds-force-ssl",
            "RDS PostgreSQL parameter groups must set rds.force_ssl=1 and PostgreSQL providers must connect to RDS with SSL",
            EnforcementLevel.MANDATORY,
            "Add the parameter {name: rds.force_ssl, value: \"1\"} to the (cluster) parameter group (Citadel's RdsAppUser can "
                    + "create one); set sslmode: require (or verify-full with sslrootcert) on the postgresql provider",
            "004",
            List.of(new ConfigParam("requireSslForAllHosts", "boolean",
                    "also require SSL from postgresql providers whose host is not an RDS endpoint (default false)")));

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public void check(PolicyResource r, PolicyArgs args, Findings findings) {
        switch (r.type()) {
            case PARAMETER_GROUP -> checkGroup(r, "postgres", findings);
            case CLUSTER_PARAMETER_GROUP -> checkGroup(r, "aurora-postgresql", findings);
            case POSTGRESQL_PROVIDER -> checkProvider(r, args.bool("requireSslForAllHosts", false), findings);
            default -> {
            }
        }
    }

    private static void checkGroup(PolicyResource r, String familyPrefix, Findings findings) {
        var label = ResourceLabels.of(r);
        var family = findings.decidingString(r, r.get("family"), "family of " + label);
        if (family == null || !family.toLowerCase(Locale.ROOT).startsWith(familyPrefix)) {
            return;
        }
        var parameters = r.get("parameters");
        if (opaque(parameters)) {
            findings.undecidable(r, "parameters of " + label);
            return;
        }
        var undecided = false;
        for (var p : items(parameters)) {
            if (opaque(p) || opaque(p.get("name"))) {
                undecided = true;
                continue;
            }
            if (!p.get("name").string().orElse("").equals(Postgres.FORCE_SSL_PARAMETER)) {
                continue;
            }
            if (opaque(p.get("value"))) {
                findings.undecidable(r, "the value of rds.force_ssl in " + label);
                return;
            }
            var value = PropReads.text(p.get("value")).orElse("").strip();
            if (!value.equals(Postgres.FORCE_SSL_ON)) {
                findings.violation(r, label + " (family " + family + ") sets rds.force_ssl=" + value
                        + ": clients may connect without encryption; set it to 1");
            }
            return;
        }
        if (undecided) {
            findings.undecidable(r, "the parameter names of " + label + " (rds.force_ssl may be among them)");
            return;
        }
        var major = Postgres.familyMajor(family);
        if (familyPrefix.equals("postgres") && major.isPresent() && major.getAsInt() >= Postgres.FORCE_SSL_DEFAULT_ON_FROM_MAJOR) {
            return; // AWS's default for RDS for PostgreSQL 15 and later is rds.force_ssl=1
        }
        findings.violation(r, label + " (family " + family + ") does not set rds.force_ssl=1, and the engine default there is 0: "
                + "clients may connect without encryption; add {name: rds.force_ssl, value: \"1\"}");
    }

    private static void checkProvider(PolicyResource r, boolean allHosts, Findings findings) {
        var label = ResourceLabels.of(r);
        var modeProp = r.get("sslmode").isNull() ? r.get("sslMode") : r.get("sslmode");
        if (modeProp.isNull()) {
            return; // the provider's default is require
        }
        var mode = findings.decidingString(r, modeProp, "sslmode of " + label);
        if (mode == null || SECURE_MODES.contains(mode.strip().toLowerCase(Locale.ROOT))) {
            return;
        }
        String host = "";
        if (!allHosts) {
            host = findings.decidingString(r, r.get("host"), "host of " + label + " (sslmode " + mode + " is only allowed off RDS)");
            if (host == null || !host.toLowerCase(Locale.ROOT).strip().endsWith(".rds.amazonaws.com")) {
                return;
            }
        }
        findings.violation(r, label + " connects" + (host.isEmpty() ? "" : " to " + host) + " with sslmode " + mode
                + ", which allows an unencrypted connection; use verify-full with the RDS CA bundle (or verify-ca)");
    }
}
