package dev.citadel.database;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.citadel.contract.Labels;
import dev.citadel.provider.KubernetesObject;
import dev.citadel.provider.PostgresqlDatabase;
import dev.citadel.provider.PostgresqlGrant;
import dev.citadel.provider.PostgresqlGrantRole;
import dev.citadel.provider.PostgresqlProvider;
import dev.citadel.provider.PostgresqlRole;

import javax.annotation.Nullable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * ConfigMap holding {@link RdsSql}'s script and a Job running it with psql; see {@link #jobName()}.
 */
public final class RdsAppUser extends ComponentResource {
    public static final String TYPE = "citadel:database:RdsAppUser";
    /** On the Job: the hash of what it applies, so people see why a new one ran. */
    public static final String SQL_HASH_ANNOTATION = "citadel.dev/sql-sha256";
    public static final String ROTATION_ANNOTATION = "citadel.dev/rotation";

    private final RdsAppUserArgs args;
    private final Output<String> jobName;

    public RdsAppUser(String name, RdsAppUserArgs args) {
        this(name, args, null);
    }

    public RdsAppUser(String name, RdsAppUserArgs args, @Nullable ComponentResourceOptions options) {
        super(TYPE, name, options);
        this.args = args;
        if (args.provisioner() instanceof Provisioner.Job job) {
            this.jobName = Output.of(job(name, args, job));
        } else {
            viaProvider(name, args);
            this.jobName = Output.of("");
        }
        var outputs = new LinkedHashMap<String, Output<?>>();
        outputs.put("host", host());
        outputs.put("port", port());
        outputs.put("database", database());
        outputs.put("user", user());
        outputs.put("sslmode", sslmode());
        outputs.put("jdbcUrl", jdbcUrl());
        registerOutputs(outputs);
    }

    private void viaProvider(String name, RdsAppUserArgs a) {
        var provider = new PostgresqlProvider(name + "-postgresql", new PostgresqlProvider.Args()
                .host(a.host())
                .port(Output.of(a.port()))
                .database("postgres")
                .username(a.masterUser())
                .password(a.masterPassword().value().orElseThrow())
                .sslmode(a.sslMode().value())
                .superuser(false)
                .expectedVersion(a.engineVersion())
                .connectTimeout(15), CustomResourceOptions.builder().parent(this).build());
        var role = new PostgresqlRole(name + "-role", new PostgresqlRole.Args()
                .name(a.user())
                .login(true)
                .password(a.password().value().orElseThrow())
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
        if (a.grantsPublicSchema()) {
            new PostgresqlGrant(name + "-public-schema", new PostgresqlGrant.Args()
                    .database(a.database())
                    .role(a.user())
                    .schema("public")
                    .objectType("schema")
                    .privileges(List.of("CREATE", "USAGE")), after(provider, List.of(connect)));
        }
    }

    private CustomResourceOptions after(PostgresqlProvider provider, List<Resource> before) {
        return CustomResourceOptions.builder().parent(this).provider(provider).dependsOn(before).build();
    }

    /** The ConfigMap with the script and the Job running it; returns the Job's object name. */
    private String job(String name, RdsAppUserArgs a, Provisioner.Job job) {
        var script = RdsSql.render(a).psql();
        var master = a.masterPassword();
        var app = a.password();
        // A Job's pod template is immutable and a finished Job never runs again: a new name is what makes Kubernetes
        // run the script once more. The name changes with the script, the Secrets it reads and their rotation markers.
        var hash = RdsSql.hash(List.of(script, job.image(), master.ref().toString(), master.rotation(),
                app.ref().toString(), app.rotation(), a.knownHost().orElse(""), String.valueOf(a.port())));
        var objectName = dev.citadel.names.KubernetesNames.label("the Job's name (from the component name '" + name
                + "'; choose a shorter one)", trim(name, 63 - 9 - 10) + "-provision-" + hash.substring(0, 8));
        var configMapName = dev.citadel.names.KubernetesNames.label("the ConfigMap's name (from the component name '" + name
                + "'; choose a shorter one)", trim(name, 63 - 4) + "-sql");

        var cmMeta = new LinkedHashMap<String, Object>();
        cmMeta.put("name", configMapName);
        cmMeta.put("namespace", job.namespace());
        cmMeta.put("labels", Labels.managedByCitadel());
        var configMap = new LinkedHashMap<String, Object>();
        configMap.put("apiVersion", "v1");
        configMap.put("kind", "ConfigMap");
        configMap.put("metadata", cmMeta);
        configMap.put("data", Map.of("provision.sql", script));
        var cm = new KubernetesObject(name + "-sql", KubernetesObject.Args.fromManifest("ConfigMap " + configMapName, configMap),
                CustomResourceOptions.builder().parent(this).build());

        var env = List.<Object>of(
                Map.of("name", "PGHOST", "value", a.host()),
                Map.of("name", "PGPORT", "value", String.valueOf(a.port())),
                Map.of("name", "PGDATABASE", "value", "postgres"),
                Map.of("name", "PGUSER", "value", a.masterUser()),
                Map.of("name", "PGSSLMODE", "value", a.sslMode().value()),
                Map.of("name", "PGCONNECT_TIMEOUT", "value", "15"),
                secretEnv("PGPASSWORD", master),
                secretEnv(RdsSql.PASSWORD_ENV, app));
        var container = new LinkedHashMap<String, Object>();
        container.put("name", "psql");
        container.put("image", job.image());
        container.put("command", List.of("psql", "-X", "-v", "ON_ERROR_STOP=1", "-f", "/citadel/provision.sql"));
        container.put("env", env);
        container.put("volumeMounts", List.of(Map.of("name", "sql", "mountPath", "/citadel", "readOnly", true)));
        container.put("securityContext", Map.of(
                "runAsNonRoot", true, "runAsUser", 70, "allowPrivilegeEscalation", false,
                "readOnlyRootFilesystem", true, "capabilities", Map.of("drop", List.of("ALL"))));
        var podSpec = new LinkedHashMap<String, Object>();
        podSpec.put("restartPolicy", "Never");
        podSpec.put("containers", List.of(container));
        podSpec.put("volumes", List.of(Map.of("name", "sql", "configMap", Map.of("name", configMapName))));
        var annotations = new LinkedHashMap<String, Object>();
        annotations.put(SQL_HASH_ANNOTATION, hash);
        annotations.put(ROTATION_ANNOTATION, master.rotation() + "/" + app.rotation());
        var meta = new LinkedHashMap<String, Object>();
        meta.put("name", objectName);
        meta.put("namespace", job.namespace());
        meta.put("labels", Labels.managedByCitadel());
        meta.put("annotations", annotations);
        var spec = new LinkedHashMap<String, Object>();
        spec.put("backoffLimit", 6);
        spec.put("template", Map.of("metadata", Map.of("labels", Labels.managedByCitadel()), "spec", podSpec));
        new KubernetesObject(name + "-provision", new KubernetesObject.Args("batch/v1", "Job", meta, spec),
                CustomResourceOptions.builder().parent(this).dependsOn(cm).deleteBeforeReplace(true).build());
        return objectName;
    }

    private static Map<String, Object> secretEnv(String variable, Credential c) {
        return Map.of("name", variable, "valueFrom", Map.of("secretKeyRef", Map.of(
                "name", c.ref().name(), "key", c.ref().key())));
    }

    private static String trim(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max).replaceAll("-+$", "");
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

    /** The Job's object name ({@code <name>-provision-<hash>}) on the Job path; empty on the provider path. */
    public Output<String> jobName() {
        return jobName;
    }
}
