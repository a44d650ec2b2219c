package dev.citadel.database;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.citadel.component.ComponentError;
import dev.citadel.provider.PostgresqlDatabase;
import dev.citadel.provider.PostgresqlGrant;
import dev.citadel.provider.PostgresqlGrantRole;
import dev.citadel.provider.PostgresqlProvider;
import dev.citadel.provider.PostgresqlRole;

import javax.annotation.Nullable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * An application's PostgreSQL login role and the database it owns, on RDS, created rather than promised (seed 004:
 * Terraform made the credentials, nothing ran {@code CREATE USER}, Keycloak and Backstage crash-looped). With
 * {@link Provisioner#provider()} it creates, as children:
 * <ul>
 *   <li>{@code <name>-postgresql}, a postgresql provider as the RDS master ({@code superuser=false}: the master is
 *       not one, and the provider must not try what needs it), with an encrypting sslmode;</li>
 *   <li>{@code <name>-role} (login, the password of a {@link Credential}, CREATEDB only when declared, never
 *       SUPERUSER or CREATEROLE), {@code <name>-master-member} (the master joins the role, which RDS needs before
 *       it may give the role a database), {@code <name>-database} owned by the role, and the grants
 *       {@code <name>-connect} (CONNECT, TEMPORARY) and, on PostgreSQL 15+, {@code <name>-public-schema} (USAGE, CREATE
 *       on {@code public}).</li>
 * </ul>
 * Each waits for the one before: the provider runs grants in parallel otherwise, and concurrent GRANTs on one object
 * fail with "tuple concurrently updated" (pulumi-postgresql#126). With {@link Provisioner#job} it creates instead a
 * ConfigMap holding {@link RdsSql}'s script and a Job running it with psql ({@link RdsJob}); see {@link #jobName()}.
 * {@code pulumi up} waits for that Job to complete (pulumi-kubernetes's Job awaiter, bounded by
 * {@code pulumi.com/timeoutSeconds}), and a resource that {@code dependsOn} this component waits with it.
 * Then {@link Publish} writes the connection details where the app reads them, after the role exists.
 */
public final class RdsAppUser extends ComponentResource {
    public static final String TYPE = "citadel:database:RdsAppUser";
    /** On the Job: the hash of what it applies, so people see why a new one ran. */
    public static final String SQL_HASH_ANNOTATION = "citadel.dev/sql-sha256";
    public static final String ROTATION_ANNOTATION = "citadel.dev/rotation";

    private final RdsAppUserArgs args;
    private final Output<String> jobName;
    private final Output<String> publishedAt;

    public RdsAppUser(String name, RdsAppUserArgs args) {
        this(name, args, null);
    }

    public RdsAppUser(String name, RdsAppUserArgs args, @Nullable ComponentResourceOptions options) {
        super(TYPE, name, options);
        try {
            this.args = args;
            List<Resource> done;
            if (args.provisioner() instanceof Provisioner.Job job) {
                var parts = RdsJob.register(this, name, args, job, options);
                this.jobName = Output.of(parts.objectName());
                done = List.of(parts.job());
            } else {
                done = viaProvider(name, args);
                this.jobName = Output.of("");
            }
            // Only once the role can log in: seed 004's apps crash-looped on credentials that named no role yet.
            this.publishedAt = RdsPublishing.publish(this, name, args, done);
            var outputs = new LinkedHashMap<String, Output<?>>();
            outputs.put("host", host());
            outputs.put("port", port());
            outputs.put("database", database());
            outputs.put("user", user());
            outputs.put("sslmode", sslmode());
            outputs.put("jdbcUrl", jdbcUrl());
            outputs.put("publishedAt", publishedAt);
            registerOutputs(outputs);
        } catch (IllegalArgumentException e) {
            // Named here, where the name is known: a builder ran before it was.
            throw ComponentError.of(TYPE, name, e);
        }
    }

    /** Registers the provider path's resources; returns them, the last grant last. */
    private List<Resource> viaProvider(String name, RdsAppUserArgs a) {
        var connection = new PostgresqlProvider.Args()
                .host(a.host())
                .port(Output.of(a.port()))
                .database("postgres")
                .username(a.masterUser())
                .password(notEmpty("masterPassword", a.masterPassword().orElseThrow()))
                .sslmode(a.sslMode().value())
                .superuser(false)
                .expectedVersion(a.engineVersion())
                .connectTimeout(15);
        a.caFile().ifPresent(f -> connection.sslrootcert(f.toString()));
        var provider = new PostgresqlProvider(name + "-postgresql", connection, CustomResourceOptions.builder().parent(this).build());
        var role = new PostgresqlRole(name + "-role", new PostgresqlRole.Args()
                .name(a.user())
                .login(true)
                .password(notEmpty("password", a.password()))
                .createDatabase(a.createDatabase())
                .createRole(false)
                .superuser(false)
                .inherit(true)
                .connectionLimit(a.connectionLimit()), after(provider, List.of()));
        var member = new PostgresqlGrantRole(name + "-master-member", new PostgresqlGrantRole.Args()
                .role(a.masterUser())
                .grantRole(a.user()), after(provider, List.of(role)));
        var database = new PostgresqlDatabase(name + "-database", new PostgresqlDatabase.Args()
                .name(a.database())
                .owner(a.user()), after(provider, List.of(role, member)));
        var connect = new PostgresqlGrant(name + "-connect", new PostgresqlGrant.Args()
                .database(a.database())
                .role(a.user())
                .objectType("database")
                .privileges(List.of("CONNECT", "TEMPORARY")), after(provider, List.of(database)));
        var made = new ArrayList<Resource>(List.of(role, member, database, connect));
        if (a.grantsPublicSchema()) {
            made.add(new PostgresqlGrant(name + "-public-schema", new PostgresqlGrant.Args()
                    .database(a.database())
                    .role(a.user())
                    .schema("public")
                    .objectType("schema")
                    .privileges(List.of("CREATE", "USAGE")), after(provider, List.of(connect))));
        }
        return made;
    }

    /**
     * The value, refused when it resolves empty: an empty app password "succeeded" and left the role unable to log in
     * (issue 23), and an empty master password is tried against the server. A value in an Output is not known at build(),
     * so the refusal fails the update here, before the provider receives it.
     */
    private static Output<String> notEmpty(String field, Credential c) {
        return c.value().orElseThrow().applyValue(v -> {
            if (v == null || v.isEmpty()) {
                throw new IllegalArgumentException(field + ": " + c.ref() + " holds an empty password; nothing was sent to the server. "
                        + "Give the secret a value (a VaultBackedSecret's generate: entry) and run again");
            }
            return v;
        });
    }

    private CustomResourceOptions after(PostgresqlProvider provider, List<Resource> before) {
        return CustomResourceOptions.builder().parent(this).provider(provider).dependsOn(before).build();
    }

    public Output<String> host() {
        return args.host();
    }

    public Output<Integer> port() {
        return Output.of(args.port());
    }

    public Output<String> database() {
        return Output.of(args.database());
    }

    public Output<String> user() {
        return Output.of(args.user());
    }

    public Output<String> sslmode() {
        return Output.of(args.sslMode().value());
    }

    /** {@code jdbc:postgresql://host:port/database?sslmode=require}: what Keycloak's {@code KC_DB_URL} takes. */
    public Output<String> jdbcUrl() {
        return args.host().applyValue(h -> "jdbc:postgresql://" + h + ":" + args.port() + "/" + args.database()
                + "?sslmode=" + args.sslMode().value());
    }

    /**
     * How the application reaches its database: the RDS endpoint, as this user, with the password Secret the role was
     * set from. An Output because the endpoint may come from the RDS instance resource.
     */
    public Output<PostgresConnection> connection() {
        return args.host().applyValue(h -> new PostgresConnection(h, args.port(), args.database(), args.user(),
                args.password().ref(), args.sslMode(), PostgresConnection.Pooling.NONE));
    }

    /**
     * Where the connection details were published: the Vault path ({@code <mount>/<path>}), the Secrets Manager secret's
     * ARN, or empty for {@link Publish#none()}.
     */
    public Output<String> publishedAt() {
        return publishedAt;
    }

    /** The Job's object name ({@code <name>-provision-<hash>}) on the Job path; empty on the provider path. */
    public Output<String> jobName() {
        return jobName;
    }
}
