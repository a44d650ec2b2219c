package dev.citadel.cli;

import dev.citadel.plan.Plan;
import dev.citadel.verify.CheckResult;
import dev.citadel.verify.LiveRealmReader;
import dev.citadel.verify.RealmDrift;
import dev.citadel.verify.Report;

import javax.net.ssl.SSLContext;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code citadel verify --realm-drift}: each realm the plan declares, read live and compared. Configuration mistakes
 * (no realm, no credentials, a plain-http URL) are refused before anything is sent; a realm that cannot be read is a
 * FAIL line, like an unreachable IdP in the other checks.
 */
final class RealmDriftRun {
    private RealmDriftRun() {
    }

    /** The readers for every declared realm, or an {@link IllegalArgumentException} for a configuration mistake. */
    static List<Target> targets(Plan plan, String stack, KeycloakAdminOptions admin, SSLContext tls, Function<String, String> env) {
        var targets = new ArrayList<Target>();
        for (var realm : DeclaredRealm.of(plan, stack)) {
            targets.add(new Target(realm, admin.reader(realm.keycloakUrl(), realm.name(), tls, env)));
        }
        return targets;
    }

    record Target(DeclaredRealm realm, LiveRealmReader.Options reader) {
    }

    static int run(String stack, List<Target> targets, PrintWriter out) {
        var results = new ArrayList<CheckResult>();
        for (var t : targets) {
            List<CheckResult> lines;
            try {
                var live = new LiveRealmReader(t.reader()).read(t.realm().name());
                lines = RealmDrift.compare(stack, t.realm().json(), live, t.realm().target());
            } catch (LiveRealmReader.ReadFailure e) {
                lines = List.of(CheckResult.fail(RealmDrift.CHECK + " " + t.realm().name(), "cannot read the live realm: " + e.getMessage()));
            }
            for (var line : lines) {
                results.add(line);
                out.println(line.line());
            }
            out.flush();
        }
        var report = new Report(results);
        out.println(report.summary());
        out.flush();
        return report.passed() ? ExitCodes.CLEAN : ExitCodes.CHECK_FAILED;
    }
}
