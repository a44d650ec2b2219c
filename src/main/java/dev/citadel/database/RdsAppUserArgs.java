package dev.citadel.database;

import com.pulumi.core.Output;
import dev.citadel.contract.Postgres;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One application's PostgreSQL user and database on RDS: seed 004's {@code keycloak_app} owning {@code keycloak},
 * {@code backstage_app} owning {@code backstage_plugin_catalog} with CREATEDB. Build with {@link #builder()};
 * every check runs at {@link Builder#build()}, without a deployment.
 * <pre>{@code
 * RdsAppUserArgs.builder()
 *     .host(rds.address()).engineVersion("15.15")
 *     .masterUser("postgres").masterPassword(Credential.of(master, "platform-db", "password"))
 *     .user("backstage_app").password(Credential.of(backstageDb, "platform-db", "password"))
 *     .database("backstage_plugin_catalog").createDatabase(true)
 *     .build()
 * }</pre>
 */
public final class RdsAppUserArgs {
    /**
     * Role and database names: lower-case letters, digits and underscores, at most 63 bytes (PostgreSQL truncates
     * longer ones, so two names could meet). Quoting would make any name safe in SQL; refusing the rest keeps
     * names the same in psql, JDBC URLs, Kubernetes env and the apps' own config, which do not all quote.
     */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?");
    private static final Pattern ENGINE_VERSION = Pattern.compile("(\\d+)(\\.\\d+)*");
    /** Names RDS keeps for itself or PostgreSQL reserves. */
    private static final List<String> RESERVED_DATABASES = List.of("postgres", "template0", "template1", "rdsadmin");

    private final Builder b;
    private final int major;

    private RdsAppUserArgs(Builder b, int major) {
        this.b = b;
        this.major = major;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The endpoint's host: known now, or once the RDS instance reports it. */
    public Output<String> host() { return b.hostOutput != null ? b.hostOutput : Output.of(b.host); }
    /** The host when it was given as a plain value. */
    public Optional<String> knownHost() { return Optional.ofNullable(b.host); }
    public int port() { return b.port; }
    public String masterUser() { return b.masterUser; }
    /** The master password as a Kubernetes Secret key (and value); empty when it is {@link #masterSecret()}. */
    public Optional<Credential> masterPassword() { return Optional.ofNullable(b.masterPassword); }
    /** The master password in AWS Secrets Manager (RDS-managed), for the Job path; empty when it is {@link #masterPassword()}. */
    public Optional<AwsSecretsManagerRef> masterSecret() { return Optional.ofNullable(b.masterSecret); }
    public String engineVersion() { return b.engineVersion; }
    /** The engine's major version, from {@link #engineVersion()}. */
    public int majorVersion() { return major; }
    /** As declared; when not: verify-full (the Job path needs {@link #caBundle()}; the provider path takes {@link #caFile()}). */
    public SslMode sslMode() { return b.sslMode; }
    /** The CA bundle the Job verifies the server with; empty on the provider path. */
    public Optional<CaBundle> caBundle() { return Optional.ofNullable(b.caBundle); }
    /** Provider path: the CA file the provider verifies the server with; empty: the trust store of the machine running pulumi up. */
    public Optional<java.nio.file.Path> caFile() { return Optional.ofNullable(b.caFile); }
    public String user() { return b.user; }
    public Credential password() { return b.password; }
    public String database() { return b.database; }
    public boolean createDatabase() { return b.createDatabase; }
    /** {@code -1}: no limit. */
    public int connectionLimit() { return b.connectionLimit; }
    public Provisioner provisioner() { return b.provisioner; }
    /** Where the connection details are written for the app. */
    public Publish publish() { return b.publish; }
    /** Whether schema {@code public} needs explicit USAGE/CREATE grants (PostgreSQL 15 revoked them from PUBLIC). */
    public boolean grantsPublicSchema() { return major >= Postgres.PUBLIC_SCHEMA_LOCKED_FROM_MAJOR; }

    public static final class Builder {
        private String host;
        private Output<String> hostOutput;
        private int port = 5432;
        private String masterUser;
        private Credential masterPassword;
        private String engineVersion;
        private SslMode sslMode;
        private CaBundle caBundle;
        private java.nio.file.Path caFile;
        private String user;
        private Credential password;
        private String database;
        private boolean createDatabase;
        private int connectionLimit = -1;
        private Provisioner provisioner = Provisioner.provider();
        private AwsSecretsManagerRef masterSecret;
        private Publish publish = Publish.none();

        private Builder() {
        }

        /** The RDS endpoint's address (no scheme, no port), e.g. {@code mydb.abc123.eu-west-2.rds.amazonaws.com}. */
        public Builder host(String host) { this.host = host; this.hostOutput = null; return this; }
        /** The address as another resource reports it, e.g. an {@code aws.rds.Instance}'s {@code address()}. */
        public Builder host(Output<String> host) { this.hostOutput = host; this.host = null; return this; }
        public Builder port(int port) { this.port = port; return this; }
        /** The RDS master user: CREATEROLE and CREATEDB, but not a superuser. */
        public Builder masterUser(String user) { this.masterUser = user; return this; }
        public Builder masterPassword(Credential password) { this.masterPassword = password; this.masterSecret = null; return this; }
        /**
         * The master password as RDS keeps it when it manages it ({@code manage_master_user_password}): the Job path reads
         * it through an ExternalSecret of ESO's AWS provider, so it is never in the program or the stack.
         */
        public Builder masterPasswordInAwsSecretsManager(AwsSecretsManagerRef secret) { this.masterSecret = secret; this.masterPassword = null; return this; }
        /** The RDS engine version, e.g. {@code 15.15}: decides the schema grants and the parameter group family. */
        public Builder engineVersion(String version) { this.engineVersion = version; return this; }
        public Builder sslMode(SslMode mode) { this.sslMode = mode; return this; }
        /**
         * Job path: the CA certificates (AWS's RDS {@code global-bundle.pem}) as a ConfigMap or Secret key in the Job's
         * namespace; psql then checks the server's certificate and name ({@code sslmode=verify-full}) before it sends
         * the master password.
         */
        public Builder caBundle(CaBundle bundle) { this.caBundle = bundle; return this; }
        /**
         * Provider path: the CA certificates (AWS's RDS {@code global-bundle.pem}) as a PEM file on the machine running
         * {@code pulumi up}; the provider then checks the server's certificate and name ({@code sslmode=verify-full},
         * its {@code sslrootcert}) before it sends the master password. Without it, that machine's trust store, which
         * does not hold the RDS CAs: the connection then fails rather than trusting whoever answers.
         */
        public Builder caFile(java.nio.file.Path pem) { this.caFile = pem; return this; }
        /** The application's login role. */
        public Builder user(String user) { this.user = user; return this; }
        /** Its password: a {@link Credential} from a VaultBackedSecret, whose rotation re-keys the role. */
        public Builder password(Credential password) { this.password = password; return this; }
        /** The database the role owns. */
        public Builder database(String database) { this.database = database; return this; }
        /** CREATEDB, for apps that make databases (Backstage: one {@code backstage_plugin_<id>} per plugin). */
        public Builder createDatabase(boolean createDatabase) { this.createDatabase = createDatabase; return this; }
        /** Connections the role may hold at once; {@code -1} (the default) for no limit. */
        public Builder connectionLimit(int limit) { this.connectionLimit = limit; return this; }
        public Builder provisioner(Provisioner provisioner) { this.provisioner = provisioner; return this; }
        /** Where the app reads the connection details: {@link Publish#vaultKv}, {@link Publish#awsSecretsManager} or none. */
        public Builder publish(Publish publish) { this.publish = publish; return this; }

        public RdsAppUserArgs build() {
            if (host == null && hostOutput == null) {
                throw new IllegalArgumentException("host: not set; give the RDS endpoint's address, e.g. host(instance.address())");
            }
            if (host != null && (!HOST.matcher(host).matches() || host.length() > 253)) {
                throw new IllegalArgumentException("host: '" + dev.citadel.value.Shown.cut(host) + "' is not a host name; give the endpoint's address without "
                        + "scheme, port or path, e.g. mydb.abc123.eu-west-2.rds.amazonaws.com");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port: " + port + " is not a TCP port; RDS PostgreSQL listens on 5432 unless changed");
            }
            identifier("masterUser", masterUser, "the RDS master user name, e.g. postgres");
            identifier("user", user, "e.g. keycloak_app");
            identifier("database", database, "e.g. keycloak");
            if (Identifiers.RESERVED_ROLES.contains(user)) {
                throw new IllegalArgumentException("user: '" + user + "' is a name PostgreSQL reserves; name the role after the app, e.g. keycloak_app");
            }
            if (user.startsWith("rds") || user.equals("postgres")) {
                throw new IllegalArgumentException("user: '" + user + "' is a name RDS keeps for itself; name the role after the app, e.g. keycloak_app");
            }
            if (user.equals(masterUser)) {
                throw new IllegalArgumentException("user: '" + user + "' is the master user; an application needs its own role, e.g. "
                        + user + "_app");
            }
            if (RESERVED_DATABASES.contains(database)) {
                throw new IllegalArgumentException("database: '" + database + "' is reserved by PostgreSQL or RDS; name the app's own database, e.g. keycloak");
            }
            if (engineVersion == null || !ENGINE_VERSION.matcher(engineVersion).matches()) {
                throw new IllegalArgumentException("engineVersion: '" + engineVersion + "' is not an RDS PostgreSQL version; give it as "
                        + "the instance reports it, e.g. 15.15");
            }
            var major = Integer.parseInt(engineVersion.split("\\.", 2)[0]);
            if (major < 11) {
                throw new IllegalArgumentException("engineVersion: " + engineVersion + " is older than any RDS PostgreSQL still supported; "
                        + "upgrade the instance to 15 or later");
            }
            if (connectionLimit < -1) {
                throw new IllegalArgumentException("connectionLimit: " + connectionLimit + " is not a limit; use -1 for none or a positive count");
            }
            if (masterPassword == null && masterSecret == null) {
                throw new IllegalArgumentException("masterPassword: not set; give Credential.of(secret, namespace, key) for the master password, "
                        + "or AwsSecretsManagerRef.of(clusterSecretStore, secretId) for one RDS keeps in AWS Secrets Manager");
            }
            if (password == null) {
                throw new IllegalArgumentException("password: not set; give Credential.of(vaultBackedSecret, namespace, key) for " + user + "'s password");
            }
            if (provisioner instanceof Provisioner.Provider) {
                if (masterSecret != null) {
                    // The provider needs the value in the program; an invoke would read AWS at preview time, which the
                    // offline plan cannot and a PR job has no credentials for. The Job reads it in the cluster instead.
                    var why = "masterPassword.awsSecretsManager: " + masterSecret.secretId() + " in AWS Secrets Manager is read only by the "
                            + "Job path (an ExternalSecret through '" + masterSecret.clusterSecretStore() + "'; an offline preview cannot read AWS); ";
                    throw new dev.citadel.value.Refused(why + "use provisioner(Provisioner.job(namespace)), or read it yourself (aws.secretsmanager "
                            + "getSecretVersion) and pass Credential.of(ref, value, rotation)",
                            why + "set provisioner: {kind: job, namespace: <app namespace>}, or give masterPassword {secret: <a citadel:secrets name>}");
                }
                needsValue("masterPassword", masterPassword);
                needsValue("password", password);
            } else if (provisioner instanceof Provisioner.Job job) {
                if (masterPassword != null) {
                    sameNamespace("masterPassword", masterPassword, job);
                }
                sameNamespace("password", password, job);
            } else {
                throw new IllegalArgumentException("provisioner: not set; use Provisioner.provider() or Provisioner.job(namespace)");
            }
            checkPublish();
            checkTls();
            return new RdsAppUserArgs(this, major);
        }

        /**
         * Issue 23: the Job sent the master password under sslmode require, which checks no certificate. On the Job path
         * the server must prove its name against a CA bundle the user gives; nothing downgrades silently.
         */
        private void checkTls() {
            if (!(provisioner instanceof Provisioner.Job job)) {
                if (sslMode == null) {
                    sslMode = SslMode.VERIFY_FULL;
                }
                if (caBundle != null) {
                    var why = "caBundle: only the Job path mounts a CA bundle; the provider path connects from where pulumi up runs: ";
                    throw new dev.citadel.value.Refused(why + "give the bundle's file there with caFile(Path.of(\"global-bundle.pem\")), "
                            + "or use provisioner(Provisioner.job(namespace))",
                            why + "give the bundle's file there (caFile: global-bundle.pem), or set provisioner: {kind: job, namespace: <namespace>}");
                }
                if (sslMode == SslMode.REQUIRE) {
                    // Issue 23: the provider connected with require (no certificate check) and sent the master password.
                    var why = "sslmode: require checks no certificate, so the postgresql provider would send the master password to "
                            + "whoever answers at the host; use verify-full (the default) with ";
                    throw new dev.citadel.value.Refused(why + "caFile(Path.of(\"global-bundle.pem\")), AWS's RDS CA bundle on the machine running pulumi up",
                            why + "caFile: global-bundle.pem, AWS's RDS CA bundle on the machine running pulumi up");
                }
                if (caFile != null) {
                    caFile = CaFiles.check("caFile", caFile);
                }
                return;
            }
            if (caFile != null) {
                throw new IllegalArgumentException("caFile: a file on the machine running pulumi up is for the provider path; the Job "
                        + "reads the CA in the cluster: caBundle(CaBundle.configMap(\"rds-ca\", \"global-bundle.pem\"))");
            }
            if (sslMode == null) {
                sslMode = SslMode.VERIFY_FULL;
            }
            if (sslMode == SslMode.REQUIRE) {
                var why = "sslmode: require checks no certificate, so the Job would send the master password to whoever answers at the host; ";
                throw new dev.citadel.value.Refused(why + "use verify-full (the default) with caBundle(CaBundle.configMap(\"rds-ca\", \"global-bundle.pem\")) "
                        + "holding AWS's RDS CA bundle in '" + job.namespace() + "'",
                        why + "drop it (verify-full is the Job's default) and set caBundle: {configMap: rds-ca, key: global-bundle.pem}");
            }
            if (caBundle == null) {
                var why = "caBundle: not set; the Job checks the server's certificate (sslmode " + sslMode.value() + ") against a CA bundle in '"
                        + job.namespace() + "': put AWS's RDS global-bundle.pem in a ConfigMap there (kubectl -n " + job.namespace()
                        + " create configmap rds-ca --from-file=global-bundle.pem) and ";
                throw new dev.citadel.value.Refused(why + "pass caBundle(CaBundle.configMap(\"rds-ca\", \"global-bundle.pem\"))",
                        why + "set caBundle: {configMap: rds-ca, key: global-bundle.pem}");
            }
        }

        private void checkPublish() {
            if (publish == null) {
                throw new IllegalArgumentException("publish: null; use Publish.none() to publish nothing");
            }
            if (publish instanceof Publish.None) {
                return;
            }
            if (password.value().isEmpty()) {
                var why = "publish: " + password.ref() + " has no value in the program, so it cannot be published with the connection details; ";
                throw new dev.citadel.value.Refused(why + "pass Credential.of(vaultBackedSecret, namespace, key), or Publish.none()",
                        why + "give password as {secret: <a citadel:secrets name>}, or drop publish");
            }
            if (publish instanceof Publish.AwsSecretsManager) {
                RdsParameterGroupArgs.requireAwsSdk("publish.awsSecretsManager", "com.pulumi.aws.secretsmanager.Secret",
                        "an AWS Secrets Manager secret");
            }
        }

        private static void identifier(String field, String value, String example) {
            if (value == null || !IDENTIFIER.matcher(value).matches()) {
                throw new IllegalArgumentException(field + ": '" + dev.citadel.value.Shown.cut(value) + "' is not a plain PostgreSQL name; use lower-case letters, digits "
                        + "and underscores, starting with a letter or underscore, at most 63 characters (" + example + ")");
            }
            if (value.startsWith("pg_")) {
                throw new IllegalArgumentException(field + ": '" + value + "' starts with pg_, which PostgreSQL reserves for system roles; "
                        + "drop the prefix (" + example + ")");
            }
        }

        private static void needsValue(String field, Credential c) {
            if (c.value().isEmpty()) {
                var why = field + ": " + c.ref() + " has no value the postgresql provider can use; ";
                throw new dev.citadel.value.Refused(why + "pass Credential.of(vaultBackedSecret, namespace, key), or read it inside the cluster with "
                        + "provisioner(Provisioner.job(\"" + c.ref().namespace() + "\"))",
                        why + "give {secret: <a citadel:secrets name>}, or set provisioner: {kind: job, namespace: "
                        + c.ref().namespace() + "} to read it inside the cluster");
            }
        }

        private static void sameNamespace(String field, Credential c, Provisioner.Job job) {
            if (!c.ref().namespace().equals(job.namespace())) {
                throw new IllegalArgumentException(field + ": " + c.ref() + " is not in the Job's namespace '" + job.namespace()
                        + "' (a Pod reads Secrets of its own namespace only); sync the secret to '" + job.namespace()
                        + "' or run the Job in '" + c.ref().namespace() + "'");
            }
        }
    }

}
