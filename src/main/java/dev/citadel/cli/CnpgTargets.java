package dev.citadel.cli;

import dev.citadel.contract.CnpgClusterOutput;
import dev.citadel.verify.CnpgVerifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The CNPG half of {@code citadel verify --postgres}: the clusters of the stack's {@value CnpgClusterOutput#STACK_OUTPUT}
 * output as verify targets, each database owner's password from {@code CITADEL_VERIFY_PG_PASSWORD_<CLUSTER>_<ROLE>}
 * (or stdin when one role is checked), reached at the cluster's {@code -rw} service or a port-forward to it.
 */
final class CnpgTargets {
    private static final Pattern AGE = Pattern.compile("([1-9][0-9]{0,5})([smhd])");

    private CnpgTargets() {
    }

    /** The variable holding a role's password: {@code CITADEL_VERIFY_PG_PASSWORD_KEYCLOAK_POSTGRES_KEYCLOAK}. */
    static String passwordVariable(String cluster, String role) {
        return VerifyCommand.PG_PASSWORD_ENV_PREFIX + (cluster + "_" + role).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** The clusters {@code --cluster} selects (all when it is null); an unknown name is a usage error listing the known ones. */
    static List<CnpgClusterOutput> select(Map<String, ?> outputs, String cluster) {
        var all = CnpgClusterOutput.fromStackOutputs(outputs);
        if (cluster == null) {
            return all;
        }
        var chosen = all.stream().filter(c -> c.name().equals(cluster)).toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("--cluster " + cluster + ": the stack declares no such CnpgCluster (citadel:databases); "
                    + "its clusters are " + all.stream().map(CnpgClusterOutput::name).toList());
        }
        return chosen;
    }

    /**
     * Targets with their passwords; {@code host}/{@code port} (a port-forward) replace the service's. {@code stdin} is
     * read once, only when it is the password source.
     */
    static List<CnpgVerifier.Target> targets(List<CnpgClusterOutput> clusters, String host, Integer port,
                                             Function<String, String> env, Supplier<String> stdin) {
        if ((host != null || port != null) && clusters.size() > 1) {
            throw new IllegalArgumentException("--pg-host/--pg-port reach one cluster (a port-forward to its -rw service), but "
                    + clusters.size() + " are selected; name one with --cluster (the stack's clusters are "
                    + clusters.stream().map(CnpgClusterOutput::name).toList() + ")");
        }
        var roles = clusters.stream().mapToLong(c -> c.databases().values().stream().distinct().count()).sum();
        String piped = null;
        if (stdin != null) {
            if (roles != 1) {
                throw new IllegalArgumentException("--password-stdin gives one password, but " + roles + " roles are checked; name "
                        + "one cluster with --cluster, or set each " + VerifyCommand.PG_PASSWORD_ENV_PREFIX + "<CLUSTER>_<ROLE>");
            }
            piped = stdin.get();
            if (piped == null || piped.isEmpty()) {
                throw new IllegalArgumentException("--password-stdin read no password: pipe the role's password in (e.g. from its Secret)");
            }
        }
        var targets = new ArrayList<CnpgVerifier.Target>();
        for (var c : clusters) {
            var owned = new ArrayList<CnpgVerifier.Owned>();
            for (var d : c.databases().entrySet()) {
                var variable = passwordVariable(c.name(), d.getValue());
                var password = piped != null ? piped : env.apply(variable);
                if (password == null || password.isEmpty()) {
                    throw new IllegalArgumentException(c.name() + " (role " + d.getValue() + ") needs its password: set " + variable
                            + " (e.g. kubectl -n " + c.namespace() + " get secret <its passwordSecret> -o jsonpath='{.data.password}' "
                            + "| base64 -d), or pipe it in with --password-stdin and --cluster " + c.name());
                }
                owned.add(new CnpgVerifier.Owned(d.getKey(), d.getValue(), password));
            }
            targets.add(new CnpgVerifier.Target(c.name(), c.namespace(), host != null ? host : c.host(),
                    port != null ? port : c.port(), c.sslmode(), c.archives(), c.serverName(), owned));
        }
        return targets;
    }

    /** {@code --max-archive-age}: {@code 90m}, {@code 2h}, {@code 1d}. */
    static Duration age(String text) {
        var m = AGE.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("--max-archive-age: '" + text + "' is not an age; write e.g. 30m, 2h or 1d");
        }
        var n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
