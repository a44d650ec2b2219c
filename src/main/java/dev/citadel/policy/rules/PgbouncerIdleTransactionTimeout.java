package dev.citadel.policy.rules;

import dev.citadel.contract.Pgbouncer;
import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.Findings;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyArgs;
import dev.citadel.policy.PolicyInfo;
import dev.citadel.policy.PolicyResource;
import dev.citadel.value.Prop;

import java.util.Optional;

import static dev.citadel.policy.rules.PropReads.opaque;
import static dev.citadel.policy.rules.PropReads.text;

/**
 * Seed 001: pods killed mid-migration left "ghost" idle-in-transaction sessions behind pgbouncer holding
 * authentik's migration advisory lock, and every new pod queued behind them (a ~50 min outage). The fix
 * was {@code idle_transaction_timeout=300} in pgbouncer.ini; pgbouncer's default, 0, never reaps them.
 */
public final class PgbouncerIdleTransactionTimeout implements Policy.ResourcePolicy {
    static final PolicyInfo INFO = new PolicyInfo(
            "pgbouncer-idle-transaction-timeout",
            "pgbouncer (CNPG Pooler or pgbouncer.ini) must set a non-zero idle_transaction_timeout",
            EnforcementLevel.MANDATORY,
            "Set idle_transaction_timeout (seconds) to a non-zero value, e.g. 300: on a CNPG Pooler in "
                    + "spec.pgbouncer.parameters.idle_transaction_timeout: \"300\", in a pgbouncer.ini under [pgbouncer]",
            "001");

    static final String KEY = Pgbouncer.IDLE_TRANSACTION_TIMEOUT;

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public void check(PolicyResource r, PolicyArgs args, Findings findings) {
        if (r.isKind("postgresql.cnpg.io", "Pooler")) {
            var value = r.get("spec").get("pgbouncer").get("parameters").get(KEY);
            if (opaque(value)) {
                findings.undecidable(r, "spec.pgbouncer.parameters." + KEY);
                return;
            }
            verdict(r, "spec.pgbouncer.parameters." + KEY, text(value), findings);
        } else if (r.isKind("", "ConfigMap") && opaque(r.get("data")) && r.objectName().contains("pgbouncer")) {
            findings.undecidable(r, "data of ConfigMap " + r.objectName() + " (it may hold pgbouncer.ini)");
        } else if (r.isKind("", "ConfigMap") && r.get("data") instanceof Prop.Obj) {
            ((Prop.Obj) r.get("data")).fields().forEach((file, content) -> {
                if (!file.endsWith("pgbouncer.ini")) {
                    return;
                }
                if (opaque(content)) {
                    findings.undecidable(r, "data." + file);
                    return;
                }
                verdict(r, file + " [pgbouncer] " + KEY, content.string().flatMap(PgbouncerIdleTransactionTimeout::fromIni), findings);
            });
        }
    }

    private static void verdict(PolicyResource r, String where, Optional<String> value, Findings findings) {
        var problem = value.isEmpty() ? " is not set"
                : disabled(value.get().strip()) ? " is '" + value.get().strip() + "', which disables it" : null;
        if (problem != null) {
            findings.violation(r, r.kind() + " " + r.objectName() + ": " + where + problem
                    + ", so a client that dies mid-transaction leaves an idle-in-transaction session holding its locks "
                    + "for good (seed 001's ghost sessions held a migration lock); set it, e.g. to 300");
        }
    }

    /** pgbouncer reads 0 (in any unit) or nothing as "no timeout". */
    private static boolean disabled(String value) {
        return value.isEmpty() || value.matches("(0+(\\.0*)?|\\.0+)\\s*[a-z]*");
    }

    /** The setting's value in the [pgbouncer] section of an ini file, if set there. */
    static Optional<String> fromIni(String ini) {
        var section = "";
        Optional<String> found = Optional.empty();
        for (var raw : ini.split("\\R")) {
            var line = raw.strip();
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                continue;
            }
            var eq = line.indexOf('=');
            if (section.equalsIgnoreCase("pgbouncer") && eq > 0 && line.substring(0, eq).strip().equals(KEY)) {
                found = Optional.of(line.substring(eq + 1).strip()); // the last one wins, as in pgbouncer
            }
        }
        return found;
    }
}
