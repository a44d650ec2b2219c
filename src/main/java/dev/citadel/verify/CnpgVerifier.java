package dev.citadel.verify;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The CloudNativePG check set over {@link PostgresChecks}: each database's owner role logs in (its password is the one
 * the managed role's Secret holds, so a failed login means CNPG did not apply it), owns its database and holds no admin
 * power; and the cluster's WAL reaches the backup store ({@link ArchiverHealth}), read on the first owner's session.
 */
public final class CnpgVerifier {

    /**
     * One cluster as the stack's {@code cnpgClusters} output declares it, reached at {@code host:port} (its {@code -rw}
     * service, or a port-forward to it).
     *
     * @param archives   whether it declares a backup (the barman-cloud plugin as WAL archiver)
     * @param databases  each database with its owner and that role's password
     */
    public record Target(String name, String namespace, String host, int port, String sslmode, boolean archives,
                         String serverName, List<Owned> databases) {
        public Target {
            databases = List.copyOf(databases);
        }
    }

    /** A database, its owner role and the password of that role. */
    public record Owned(String database, String owner, String password) {
        @Override
        public String toString() {
            return "Owned[" + database + ", " + owner + "]";
        }
    }

    /** How recent the last archived segment must be, and the clock it is read against. */
    public record Options(Duration maxArchiveAge, Clock clock, PgConnect connect) {
        public static final Duration DEFAULT_MAX_ARCHIVE_AGE = Duration.ofHours(1);
    }

    private CnpgVerifier() {
    }

    public static List<CheckResult> verify(Target t, Options options) {
        var results = new ArrayList<CheckResult>();
        var archivingChecked = false;
        for (var d : t.databases()) {
            var w = new PostgresChecks.Wording(t.name() + "." + d.database() + ".",
                    "check the role's Secret (its managed role's passwordSecret, labelled cnpg.io/reload) and the Cluster's "
                            + "status: kubectl -n " + t.namespace() + " get cluster " + t.name() + " -o jsonpath='{.status.managedRolesStatus}'",
                    "the Database object " + d.database() + " or bootstrap.initdb must name " + d.owner() + " as owner");
            var archiving = t.archives() && !archivingChecked;
            var needLogin = new ArrayList<>(List.of("owner", "role-attributes"));
            var login = new PgLogin(t.host(), t.port(), d.database(), d.owner(), t.sslmode(), d.password(), options.connect());
            var lines = PostgresChecks.afterLogin(login, w, needLogin, c -> {
                var checks = new ArrayList<>(List.of(PostgresChecks.owner(c, w, d.database(), d.owner()),
                        PostgresChecks.roleAttributes(c, w, d.owner())));
                if (archiving) {
                    checks.add(ArchiverHealth.read(c).verdict(t.name() + ".archiving", t.namespace(), t.name(),
                            t.serverName(), options.clock().instant(), options.maxArchiveAge()));
                }
                return checks;
            });
            results.addAll(lines);
            archivingChecked |= archiving && lines.stream().anyMatch(r -> r.check().equals(t.name() + ".archiving"));
        }
        if (t.archives() && !archivingChecked) {
            results.add(t.databases().isEmpty()
                    ? CheckResult.fail(t.name() + ".archiving", "the stack declares no database with an owner role in "
                    + t.name() + ", so verify has no login to read pg_stat_archiver with; declare its databases (bootstrap or databases)")
                    : CheckResult.skip(t.name() + ".archiving", "needs a login that failed"));
        }
        if (!t.archives()) {
            results.add(CheckResult.skip(t.name() + ".archiving", "the stack declares no backup for " + t.name()));
        }
        return results;
    }
}
