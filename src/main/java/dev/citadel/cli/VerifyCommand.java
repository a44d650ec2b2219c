package dev.citadel.cli;

import dev.citadel.identity.OidcContract;
import dev.citadel.plan.Plan;
import dev.citadel.plan.PlanRunner;
import dev.citadel.verify.CheckResult;
import dev.citadel.verify.CnpgVerifier;
import dev.citadel.verify.PostgresVerifier;
import dev.citadel.verify.Report;
import dev.citadel.value.Redacted;
import dev.citadel.verify.OidcVerifier;
import dev.citadel.verify.PgConnect;
import dev.citadel.verify.Tls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import javax.net.ssl.SSLContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * {@code citadel verify}: after {@code pulumi up}, checks the live IdP against what the stack says (its
 * {@code identity} output, the {@link OidcContract}) the way the API server and kubelogin will use it.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Smoke-check a deployed IdP against the stack's identity contract: discovery, JWKS, clients and,"
                + " with --user, a kubelogin login and the ID token the API server would get.",
                "The password comes from an environment variable or stdin, never from the command line."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check passed", "1:a check failed", "2:usage or configuration error"})
final class VerifyCommand implements Callable<Integer> {
    static final String DEFAULT_PASSWORD_ENV = "CITADEL_VERIFY_PASSWORD";
    static final String PG_PASSWORD_ENV_PREFIX = "CITADEL_VERIFY_PG_PASSWORD_";

    @Spec
    CommandSpec spec;

    @Option(names = "--stack", required = true, description = "Stack whose identity contract to check (stacks/Pulumi.<stack>.yaml).")
    String stack;

    @Option(names = "--project-dir", defaultValue = ".", description = "Directory holding Pulumi.yaml (default: current directory).")
    Path projectDir;

    @Option(names = "--user", paramLabel = "USER", description = "Test user (user name or email) to log in as through the CLI client.")
    String user;

    @Option(names = "--password-env", paramLabel = "NAME", defaultValue = DEFAULT_PASSWORD_ENV,
            description = "Environment variable holding the test user's password (default: ${DEFAULT-VALUE}).")
    String passwordEnv;

    @Option(names = "--password-stdin", description = "Read the test user's password from the first line of stdin.")
    boolean passwordStdin;

    /** Only to refuse it without echoing the value: a password in argv lands in shell history and {@code ps}. */
    @Option(names = "--password", hidden = true, paramLabel = "PASSWORD")
    String passwordArgument;

    @Option(names = "--ca-file", paramLabel = "PEM", description = {"Also trust the CA certificate(s) in this PEM file (private or self-signed IdP).",
            "With --postgres: the CA the database's certificate must chain to (sslmode verify-full): AWS's RDS global-bundle.pem, "
                    + "or a CnpgCluster's <cluster>-ca Secret (its ca.crt). Without it, the JDK's trust store."})
    Path caFile;

    @Option(names = "--insecure-skip-tls-verify", description = "With --postgres: encrypt but do not check the server's certificate "
            + "(sslmode require). Whoever answers gets the passwords; a WARN line is printed for every target.")
    boolean insecureSkipTlsVerify;

    @Option(names = "--postgres", description = {"Check the stack's PostgreSQL app users (its databases output, citadel:rds) "
            + "instead of the IdP: login over SSL, owner, CREATEDB as declared, no SUPERUSER/CREATEROLE, plain connections refused;"
            + " and its CnpgClusters (citadel:databases): owner login, database owner, WAL archiving (pg_stat_archiver).",
            "Each user's password comes from " + PG_PASSWORD_ENV_PREFIX + "<NAME> (the component name upper-cased, - as _)."})
    boolean postgres;

    @Option(names = "--pg-host", paramLabel = "HOST",
            description = "Connect here instead of the stack's host (a port-forward to an RDS in private subnets).")
    String pgHost;

    @Option(names = "--pg-port", paramLabel = "PORT", description = "Connect on this port instead of the stack's.")
    Integer pgPort;

    @Option(names = "--cluster", paramLabel = "NAME", description = {"With --postgres: check only this CnpgCluster "
            + "(citadel:databases): its owner roles' login and databases, and pg_stat_archiver (WAL archived recently, no "
            + "failure since). --pg-host/--pg-port then reach it through a port-forward to its -rw service.",
            "Each role's password comes from " + PG_PASSWORD_ENV_PREFIX + "<CLUSTER>_<ROLE> (upper-cased, - as _), or from"
                    + " stdin with --password-stdin when one role is checked."})
    String cluster;

    @Option(names = "--max-archive-age", paramLabel = "AGE", defaultValue = "1h",
            description = "With --postgres: the last archived WAL of a CnpgCluster may be at most this old (default: ${DEFAULT-VALUE}; e.g. 30m, 6h, 1d).")
    String maxArchiveAge;

    @Option(names = "--realm-drift", description = {"Compare the live Keycloak realm (read through the admin API, GETs only)"
            + " with the realm the stack declares: one FAIL line per missing or extra group, client, redirect URI, web origin,"
            + " scope assignment, mapper or IdP setting.",
            "Admin credentials from " + KeycloakAdminOptions.USER_ENV + " / " + KeycloakAdminOptions.PASSWORD_ENV
                    + ", or --admin-client with " + KeycloakAdminOptions.CLIENT_SECRET_ENV + "."})
    boolean realmDrift;

    @Option(names = "--gateway", description = {"Check the stack's planned JWT SecurityPolicies against the live realm: the"
            + " remoteJWKS.uri each names serves RS256 keys over verified TLS and is the issuer's jwks_uri; with --user, a token"
            + " of the policy's audience client verifies with those keys and carries its issuer, audience and every claimToHeaders claim."})
    boolean gateway;

    @Mixin
    KeycloakAdminOptions keycloakAdmin;

    @Option(names = "--expect-groups", paramLabel = "GROUP", split = ",",
            description = "Groups (unprefixed realm group names) the test user's token must carry, comma-separated.")
    List<String> expectGroups = List.of();

    private final Function<String, String> env;
    private final InputStream stdin;
    private final BiFunction<Path, String, OidcContract> contracts;
    private final BiFunction<Path, String, Map<String, ?>> stackOutputs;

    VerifyCommand() {
        this(System::getenv, System.in, (projectDir, stack) -> contract(PlanCommand.plan(projectDir, stack), stack),
                (projectDir, stack) -> outputs(PlanCommand.plan(projectDir, stack)));
    }

    VerifyCommand(Function<String, String> env, InputStream stdin, BiFunction<Path, String, OidcContract> contracts) {
        this(env, stdin, contracts, (projectDir, stack) -> outputs(PlanCommand.plan(projectDir, stack)));
    }

    /**
     * @param env       the environment the password variable is read from
     * @param stdin     what {@code --password-stdin} reads
     * @param contracts the identity contract of a stack in a project directory (the plan's {@code identity} output)
     */
    VerifyCommand(Function<String, String> env, InputStream stdin, BiFunction<Path, String, OidcContract> contracts,
                  BiFunction<Path, String, Map<String, ?>> stackOutputs) {
        this.env = env;
        this.stdin = stdin;
        this.contracts = contracts;
        this.stackOutputs = stackOutputs;
    }

    @Override
    public Integer call() {
        if (realmDrift) {
            return realmDrift();
        }
        var parsed = spec.commandLine().getParseResult();
        if (parsed.hasMatchedOption("--keycloak-url") || parsed.hasMatchedOption("--admin-realm") || parsed.hasMatchedOption("--admin-client")) {
            spec.commandLine().getErr().println("citadel: --keycloak-url, --admin-realm and --admin-client say how --realm-drift"
                    + " reads the realm; add --realm-drift");
            return ExitCodes.ERROR;
        }
        if (postgres && gateway) {
            spec.commandLine().getErr().println("citadel: --postgres and --gateway check different things; run them separately");
            return ExitCodes.ERROR;
        }
        if (postgres || gateway) {
            return postgres ? postgres() : gateway();
        }
        var err = spec.commandLine().getErr();
        var out = spec.commandLine().getOut();
        OidcVerifier.Options options;
        OidcContract contract;
        try {
            options = options();
            contract = contracts.apply(projectDir, stack);
        } catch (PlanRunner.ProgramFailure e) {
            err.println("citadel: " + PlanCommand.describe(e));
            return ExitCodes.ERROR;
        } catch (IllegalArgumentException e) {
            err.println("citadel: " + e.getMessage());
            return ExitCodes.ERROR;
        }
        var report = new OidcVerifier(contract, options).run(result -> {
            out.println(result.line());
            out.flush();
        });
        out.println(report.summary());
        out.flush();
        return report.passed() ? ExitCodes.CLEAN : ExitCodes.CHECK_FAILED;
    }

    private Integer realmDrift() {
        var err = spec.commandLine().getErr();
        List<RealmDriftRun.Target> targets;
        try {
            var parsed = spec.commandLine().getParseResult();
            if (postgres || gateway || user != null || !expectGroups.isEmpty() || passwordStdin || passwordArgument != null || cluster != null
                    || insecureSkipTlsVerify || parsed.hasMatchedOption("--password-env") || parsed.hasMatchedOption("--max-archive-age")) {
                throw new IllegalArgumentException("--realm-drift reads the realm with Keycloak admin credentials ("
                        + KeycloakAdminOptions.USER_ENV + " / " + KeycloakAdminOptions.PASSWORD_ENV + ", or --admin-client) and"
                        + " verifies TLS: run it on its own, without --postgres, --gateway, --user, --expect-groups, --password*, --cluster,"
                        + " --max-archive-age or --insecure-skip-tls-verify");
            }
            var tls = caFile == null ? defaultContext() : Tls.trustingAlso(Tls.readPem(caFile));
            targets = RealmDriftRun.targets(PlanCommand.plan(projectDir, stack), stack, keycloakAdmin, tls, env);
        } catch (PlanRunner.ProgramFailure | IllegalArgumentException e) {
            return PlanCommand.refused(err, e);
        }
        return RealmDriftRun.run(stack, targets, spec.commandLine().getOut());
    }

    private Integer gateway() {
        List<dev.citadel.verify.GatewayVerifier.Policy> policies;
        OidcVerifier.Options options;
        try {
            if (!expectGroups.isEmpty()) {
                throw new IllegalArgumentException("--expect-groups checks the API server's ID token; --gateway checks the "
                        + "gateway's tokens: run them separately");
            }
            options = options();
            policies = GatewayVerifyRun.policies(PlanCommand.plan(projectDir, stack), stack);
        } catch (PlanRunner.ProgramFailure | IllegalArgumentException e) {
            return PlanCommand.refused(spec.commandLine().getErr(), e);
        }
        return GatewayVerifyRun.run(policies, options, spec.commandLine().getOut());
    }

    private Integer postgres() {
        var err = spec.commandLine().getErr();
        var out = spec.commandLine().getOut();
        List<PostgresVerifier.Target> rds;
        List<CnpgVerifier.Target> cnpg;
        CnpgVerifier.Options archive;
        PgConnect connect;
        var stackHosts = new java.util.HashMap<String, String>();
        try {
            if (user != null || !expectGroups.isEmpty() || passwordArgument != null) {
                throw new IllegalArgumentException("--postgres checks the stack's database users with their own passwords ("
                        + PG_PASSWORD_ENV_PREFIX + "<NAME>); drop --user, --expect-groups, --password-stdin and --password");
            }
            connect = insecureSkipTlsVerify ? PgConnect.insecure()
                    : caFile != null ? PgConnect.verified(caFile) : PgConnect.systemTrust();
            archive = new CnpgVerifier.Options(CnpgTargets.age(maxArchiveAge), Clock.systemUTC(), connect);
            var outputs = stackOutputs.apply(projectDir, stack);
            var clusters = CnpgTargets.select(outputs, cluster);
            var hasRds = outputs.get("databases") instanceof Map<?, ?> users && !users.isEmpty();
            if (clusters.isEmpty() && !hasRds) {
                throw new IllegalArgumentException("stack '" + stack + "' declares no database users (no databases output): add "
                        + "citadel:rds.users or citadel:databases to stacks/Pulumi." + stack + ".yaml, or verify the IdP without --postgres");
            }
            rds = cluster == null && hasRds ? targets(outputs) : List.of();
            if (!rds.isEmpty() && !clusters.isEmpty() && (pgHost != null || pgPort != null || passwordStdin)) {
                throw new IllegalArgumentException("stack '" + stack + "' has RDS users and CnpgClusters; --pg-host, --pg-port and "
                        + "--password-stdin reach one of them: name the cluster with --cluster");
            }
            if (passwordStdin && clusters.isEmpty()) {
                throw new IllegalArgumentException("--postgres checks the stack's database users with their own passwords ("
                        + PG_PASSWORD_ENV_PREFIX + "<NAME>); drop --user, --expect-groups, --password-stdin and --password");
            }
            cnpg = CnpgTargets.targets(clusters, pgHost, pgPort, env, passwordStdin ? this::readStdin : null);
            clusters.forEach(c -> stackHosts.put(c.name(), c.host()));
            if (!rds.isEmpty() && outputs.get("databases") instanceof Map<?, ?> users) {
                users.forEach((k, v) -> stackHosts.put(String.valueOf(k), String.valueOf(((Map<?, ?>) v).get("host"))));
            }
        } catch (PlanRunner.ProgramFailure e) {
            err.println("citadel: " + PlanCommand.describe(e));
            return ExitCodes.ERROR;
        } catch (IllegalArgumentException e) {
            err.println("citadel: " + e.getMessage());
            return ExitCodes.ERROR;
        }
        var results = new java.util.ArrayList<CheckResult>();
        java.util.function.Consumer<List<CheckResult>> print = lines -> lines.forEach(r -> {
            results.add(r);
            out.println(r.line());
            out.flush();
        });
        for (var t : rds) {
            var how = through(connect, t.host(), stackHosts.get(t.name()));
            warnIfInsecure(out, how, t.host());
            print.accept(PostgresVerifier.verify(t, how));
        }
        for (var t : cnpg) {
            var how = through(connect, t.host(), stackHosts.get(t.name()));
            warnIfInsecure(out, how, t.host());
            print.accept(CnpgVerifier.verify(t, new CnpgVerifier.Options(archive.maxArchiveAge(), archive.clock(), how)));
        }
        var report = new Report(results);
        out.println(report.summary());
        out.flush();
        return report.passed() ? ExitCodes.CLEAN : ExitCodes.CHECK_FAILED;
    }

    /**
     * Through a port-forward (--pg-host), the certificate must still name the stack's host: that is who the
     * password is for.
     */
    private PgConnect through(PgConnect connect, String reached, String stackHost) {
        return pgHost != null && stackHost != null && !stackHost.equals(reached) ? connect.withCertificateName(stackHost) : connect;
    }

    private static void warnIfInsecure(java.io.PrintWriter out, PgConnect how, String host) {
        if (how.skipVerify()) {
            out.println(how.warning(how.certificateName().orElse(host)));
            out.flush();
        }
    }

    /** The stack's {@code databases} output as targets, each with its password from the environment. */
    private List<PostgresVerifier.Target> targets(Map<String, ?> outputs) {
        if (!(outputs.get("databases") instanceof Map<?, ?> databases) || databases.isEmpty()) {
            throw new IllegalArgumentException("stack '" + stack + "' declares no database users (no databases output): add "
                    + "citadel:rds.users to stacks/Pulumi." + stack + ".yaml, or verify the IdP without --postgres");
        }
        var targets = new java.util.ArrayList<PostgresVerifier.Target>();
        for (var e : new java.util.TreeMap<>(databases).entrySet()) {
            var name = String.valueOf(e.getKey());
            var d = (Map<?, ?>) e.getValue();
            var variable = PG_PASSWORD_ENV_PREFIX + name.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
            var password = env.apply(variable);
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException(name + " (" + d.get("user") + ") needs its password: set " + variable
                        + " (e.g. from the Secret its VaultBackedSecret syncs)");
            }
            var port = pgPort != null ? pgPort.intValue() : ((Number) d.get("port")).intValue();
            targets.add(new PostgresVerifier.Target(name, pgHost != null ? pgHost : String.valueOf(d.get("host")), port,
                    String.valueOf(d.get("database")), String.valueOf(d.get("user")), String.valueOf(d.get("sslmode")),
                    Boolean.TRUE.equals(d.get("createDatabase")), password));
        }
        return targets;
    }

    @SuppressWarnings("unchecked")
    static Map<String, ?> outputs(Plan plan) {
        return (Map<String, ?>) Redacted.plain(plan.outputs());
    }

    private OidcVerifier.Options options() {
        var parsed = spec.commandLine().getParseResult();
        if (passwordArgument != null) {
            throw new IllegalArgumentException("--password is not accepted (a password on the command line lands in shell"
                    + " history and the process list): set " + DEFAULT_PASSWORD_ENV + " or another variable named by"
                    + " --password-env, or pipe it in with --password-stdin");
        }
        if (passwordStdin && parsed.hasMatchedOption("--password-env")) {
            throw new IllegalArgumentException("--password-stdin and --password-env both name the password; use one");
        }
        if (cluster != null || parsed.hasMatchedOption("--max-archive-age")) {
            throw new IllegalArgumentException("--cluster and --max-archive-age choose what --postgres checks; add --postgres");
        }
        if (user == null) {
            if (!expectGroups.isEmpty()) {
                throw new IllegalArgumentException("--expect-groups needs --user: the groups are read from that user's ID token");
            }
            if (passwordStdin || parsed.hasMatchedOption("--password-env")) {
                throw new IllegalArgumentException("a password without --user: name the test user with --user");
            }
        }
        SSLContext tls = caFile == null ? defaultContext() : Tls.trustingAlso(Tls.readPem(caFile));
        if (user == null) {
            return OidcVerifier.Options.withoutLogin(tls);
        }
        var password = passwordStdin ? readStdin() : env.apply(passwordEnv);
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException(passwordStdin
                    ? "--password-stdin read no password: pipe the test user's password in (e.g. from a password manager)"
                    : "--user " + user + " needs a password: " + passwordSource(parsed.hasMatchedOption("--password-env")));
        }
        var groups = expectGroups.stream().map(String::strip).filter(g -> !g.isEmpty()).toList();
        return new OidcVerifier.Options(Optional.of(user), password, groups, tls, Duration.ofSeconds(15));
    }

    /**
     * Never the name given to --password-env: {@code --password-env "$PW"} passes the password itself, and an
     * error that named the variable printed it into the CI log.
     */
    private static String passwordSource(boolean named) {
        return named
                ? "the variable named by --password-env is unset or empty (it takes a variable's name, e.g. --password-env "
                  + DEFAULT_PASSWORD_ENV + ", not the password); or pipe the password in with --password-stdin"
                : "set " + DEFAULT_PASSWORD_ENV + " (or name another variable with --password-env), or pipe it in with --password-stdin";
    }

    static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
    }

    private String readStdin() {
        try {
            var line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
            return line == null ? null : line.replaceAll("\\r$", "");
        } catch (IOException e) {
            throw new IllegalArgumentException("--password-stdin cannot read stdin: " + e.getMessage());
        }
    }

    /** The stack's {@code identity} output as an {@link OidcContract}; a stack without one is a one-line error. */
    @SuppressWarnings("unchecked")
    static OidcContract contract(Plan plan, String stack) {
        return OidcContract.fromStackOutputs(stack, (Map<String, ?>) Redacted.plain(plan.outputs()));
    }
}
