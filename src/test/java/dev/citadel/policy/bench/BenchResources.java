package dev.citadel.policy.bench;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import pulumirpc.AnalyzerOuterClass.AnalyzeRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzerProviderResource;
import pulumirpc.AnalyzerOuterClass.AnalyzerResource;
import pulumirpc.AnalyzerOuterClass.AnalyzerResourceOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A deterministic stack of engine-shaped resources for the analyzer benchmark: what the engine sends in
 * Analyze and AnalyzeStack during a preview of a large identity platform. Properties are marshalled the
 * way the engine marshals them (KeepUnknowns, KeepSecrets): secrets as signature objects, unknowns as the
 * unknown sentinel string. About one resource in ten is planted with a problem one of the five benchmark
 * policies catches, or with the value that decides the verdict unknown; {@link #expected()} says which.
 */
public final class BenchResources {
    static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    static final String SIG_KEY = "4dabf18193072939515e22adb298388d";
    static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

    static final String STACK = "bench";
    static final String PROJECT = "citadel";

    /** What a policy is expected to report over the stack: planted violations and undecidable resources. */
    static final class Expected {
        int violations;
        int undecidable;
    }

    private final Random random;
    private final List<AnalyzerResource> resources = new ArrayList<>();
    private final Map<String, Expected> expected = new TreeMap<>();
    private final Map<String, Integer> mix = new LinkedHashMap<>();

    private final AnalyzerProviderResource kubernetes;
    private final AnalyzerProviderResource aws;

    private BenchResources(long seed) {
        this.random = new Random(seed);
        for (var id : AnalyzerBenchmark.DEFAULT_POLICIES) {
            expected.put(id, new Expected());
        }
        kubernetes = provider("kubernetes", "homelab", obj(
                "context", "admin@homelab",
                "enableServerSideApply", "true",
                "kubeconfig", secret("apiVersion: v1\nkind: Config\nclusters: [...]\nusers: [...]\n"),
                "version", "4.34.2"));
        aws = provider("aws", "aws-dev", obj("region", "eu-west-1", "skipCredentialsValidation", "false", "version", "6.83.0"));
    }

    /**
     * @param count resources in the stack; the mix is fixed: a third Kubernetes objects the policies ignore
     *              and other providers' resources, the rest the five policies' targets
     */
    public static BenchResources generate(int count, long seed) {
        var stack = new BenchResources(seed);
        // Weights per kind, out of 100; the remainder of the rounding goes to ConfigMaps.
        var weights = new LinkedHashMap<String, Integer>();
        weights.put("ExternalSecret", 25);
        weights.put("Deployment", 20);
        weights.put("ObjectStore", 8);
        weights.put("Pooler", 8);
        weights.put("ParameterGroup", 6);
        weights.put("PostgresqlProvider", 1);
        weights.put("Service", 6);
        weights.put("SecretV2", 6);
        weights.put("RandomPassword", 5);
        weights.put("PostgresqlRole", 3);
        weights.put("CnpgCluster", 2);
        weights.put("Component", 2);
        int assigned = 0;
        var plan = new ArrayList<String>();
        for (var e : weights.entrySet()) {
            int n = count * e.getValue() / 100;
            stack.mix.put(e.getKey(), n);
            assigned += n;
            for (int i = 0; i < n; i++) {
                plan.add(e.getKey());
            }
        }
        stack.mix.put("ConfigMap", count - assigned);
        for (int i = assigned; i < count; i++) {
            plan.add("ConfigMap");
        }
        java.util.Collections.shuffle(plan, stack.random);
        for (int i = 0; i < plan.size(); i++) {
            stack.add(plan.get(i), i);
        }
        return stack;
    }

    public List<AnalyzerResource> resources() {
        return resources;
    }

    Map<String, Expected> expected() {
        return expected;
    }

    Map<String, Integer> mix() {
        return mix;
    }

    /** The Analyze request the engine sends for a resource: the same URN, type, name, properties, options and provider. */
    public static AnalyzeRequest analyzeRequest(AnalyzerResource r) {
        var request = AnalyzeRequest.newBuilder()
                .setUrn(r.getUrn())
                .setType(r.getType())
                .setName(r.getName())
                .setProperties(r.getProperties())
                .setOptions(r.getOptions());
        if (r.hasProvider()) {
            request.setProvider(r.getProvider());
        }
        return request.build();
    }

    // ---------------------------------------------------------------------------------------------------

    private void add(String kind, int i) {
        switch (kind) {
            case "ExternalSecret" -> externalSecret(i);
            case "Deployment" -> deployment(i);
            case "ObjectStore" -> objectStore(i);
            case "Pooler" -> pooler(i);
            case "ParameterGroup" -> parameterGroup(i);
            case "PostgresqlProvider" -> postgresqlProvider(i);
            case "Service" -> service(i);
            case "SecretV2" -> vaultSecret(i);
            case "RandomPassword" -> randomPassword(i);
            case "PostgresqlRole" -> postgresqlRole(i);
            case "CnpgCluster" -> cnpgCluster(i);
            case "Component" -> component(i);
            default -> configMap(i);
        }
    }

    /** What a policy-targeted resource is planted with. */
    private enum Plant { CLEAN, VIOLATION, UNDECIDABLE }

    /** ~12% violating, ~3% with the deciding value unknown, the rest clean. */
    private Plant plant(String policy) {
        int roll = random.nextInt(100);
        var p = roll < 12 ? Plant.VIOLATION : roll < 15 ? Plant.UNDECIDABLE : Plant.CLEAN;
        if (p == Plant.VIOLATION) {
            expected.get(policy).violations++;
        } else if (p == Plant.UNDECIDABLE) {
            expected.get(policy).undecidable++;
        }
        return p;
    }

    private static final String[] APPS = {"authentik", "keycloak", "powerdns", "grafana", "backstage", "gitea", "nextcloud",
            "vaultwarden", "immich", "paperless", "outline", "miniflux", "harbor", "argocd", "loki"};
    private static final String[] NAMESPACES = {"identity", "dns-system", "monitoring", "apps", "databases", "platform",
            "cert-manager", "external-dns", "backstage", "media"};
    private static final String[] PINNED_IMAGES = {
            "ghcr.io/goauthentik/server:2025.10.2", "quay.io/keycloak/keycloak:26.4.2",
            "docker.io/powerdns/pdns-auth-49:4.9.8", "grafana/grafana:12.2.1", "ghcr.io/cloudnative-pg/pgbouncer:1.24.1",
            "registry.k8s.io/external-dns/external-dns:v0.19.0", "docker.io/library/nginx:1.29.3-alpine",
            "ghcr.io/immich-app/immich-server:v2.2.3", "docker.io/gitea/gitea:1.24.7-rootless",
            "registry.local:5000/platform/backstage:2025.11.20-7c1e2f9",
            "docker.io/library/busybox@sha256:2919d0172f7524b2d8df9e50066a682669e6d170ac0f6a49676d54358fe970b5"};
    private static final String[] MUTABLE_IMAGES = {"docker.io/library/redis:latest", "ghcr.io/goauthentik/server",
            "registry.local:5000/platform/backstage", "nginx:latest", "busybox"};

    private String app(int i) {
        return APPS[i % APPS.length];
    }

    private String ns(int i) {
        return NAMESPACES[(i / APPS.length) % NAMESPACES.length];
    }

    private void externalSecret(int i) {
        var name = app(i) + "-secret-" + i;
        var namespace = ns(i);
        var plant = plant("no-regenerating-secret-generators");
        var spec = new LinkedHashMap<String, Object>();
        spec.put("secretStoreRef", obj("kind", "ClusterSecretStore", "name", "vault-kv"));
        spec.put("target", obj("name", name, "creationPolicy", "Owner", "deletionPolicy", "Retain",
                "template", obj("type", "Opaque", "engineVersion", "v2")));
        int style = random.nextInt(10);
        switch (plant) {
            case VIOLATION -> {
                // A Password generator that runs again on every refresh (explicit interval, or ESO's default 1h).
                spec.put("dataFrom", list(obj("sourceRef", obj("generatorRef", obj(
                        "apiVersion", "generators.external-secrets.io/v1alpha1", "kind", "Password", "name", name + "-gen")))));
                if (style < 7) {
                    spec.put("refreshInterval", style < 4 ? "1h" : "24h");
                }
            }
            case UNDECIDABLE -> {
                spec.put("dataFrom", list(obj("sourceRef", obj("generatorRef", obj(
                        "apiVersion", "generators.external-secrets.io/v1alpha1", "kind", "Password", "name", name + "-gen")))));
                spec.put("refreshInterval", UNKNOWN);
            }
            default -> {
                if (style == 0) {
                    // A generator made safe: it runs once.
                    spec.put("refreshPolicy", "CreatedOnce");
                    spec.put("dataFrom", list(obj("sourceRef", obj("generatorRef", obj(
                            "apiVersion", "generators.external-secrets.io/v1alpha1", "kind", "Password", "name", name + "-gen")))));
                } else if (style == 1) {
                    spec.put("refreshInterval", "0");
                    spec.put("dataFrom", list(obj("sourceRef", obj("generatorRef", obj(
                            "apiVersion", "generators.external-secrets.io/v1alpha1", "kind", "Password", "name", name + "-gen")))));
                } else {
                    // Citadel's own shape: remoteRef into Vault KV.
                    spec.put("refreshInterval", "1h");
                    var data = new ArrayList<Object>();
                    int keys = 1 + random.nextInt(3);
                    for (int k = 0; k < keys; k++) {
                        var key = new String[]{"password", "username", "api-key", "token"}[k];
                        data.add(obj("secretKey", key, "remoteRef", obj("key", "apps/" + app(i) + "/" + name,
                                "property", key, "conversionStrategy", "Default", "decodingStrategy", "None")));
                    }
                    spec.put("data", data);
                }
            }
        }
        var annotations = obj("citadel.dev/rotation", random.nextInt(20) == 0 ? UNKNOWN : String.valueOf(random.nextInt(4)),
                "citadel.dev/source", "vault-kv/apps/" + app(i));
        var props = k8s("external-secrets.io/v1", "ExternalSecret", name, namespace, annotations, spec);
        addResource("kubernetes:external-secrets.io/v1:ExternalSecret", name, props, "citadel:secrets:VaultBackedSecret", kubernetes);
    }

    private void deployment(int i) {
        var name = app(i) + "-" + i;
        var namespace = ns(i);
        var plant = plant("no-mutable-image-tags");
        int containers = 1 + random.nextInt(3);
        int bad = random.nextInt(containers);
        var list = new ArrayList<Object>();
        for (int c = 0; c < containers; c++) {
            Object image = PINNED_IMAGES[random.nextInt(PINNED_IMAGES.length)];
            if (c == bad && plant == Plant.VIOLATION) {
                image = MUTABLE_IMAGES[random.nextInt(MUTABLE_IMAGES.length)];
            } else if (c == bad && plant == Plant.UNDECIDABLE) {
                image = UNKNOWN;   // built in the same stack: the tag is a provider output
            }
            var env = new ArrayList<Object>();
            env.add(obj("name", "LOG_LEVEL", "value", "info"));
            env.add(obj("name", "DB_HOST", "value", random.nextInt(10) == 0 ? UNKNOWN : app(i) + "-db-rw." + namespace + ".svc"));
            env.add(obj("name", "DB_PASSWORD", "valueFrom", obj("secretKeyRef", obj("name", app(i) + "-db", "key", "password"))));
            if (random.nextInt(5) == 0) {
                env.add(obj("name", "BOOTSTRAP_TOKEN", "value", secret("tok-" + Long.toHexString(random.nextLong()))));
            }
            list.add(obj(
                    "name", c == 0 ? app(i) : app(i) + "-sidecar-" + c,
                    "image", image,
                    "imagePullPolicy", "IfNotPresent",
                    "ports", list(obj("name", "http", "containerPort", 8000 + c, "protocol", "TCP")),
                    "env", env,
                    "resources", obj("requests", obj("cpu", "100m", "memory", "256Mi"), "limits", obj("memory", "1Gi")),
                    "livenessProbe", obj("httpGet", obj("path", "/-/health/live/", "port", "http"),
                            "initialDelaySeconds", 10, "periodSeconds", 10, "failureThreshold", 6),
                    "readinessProbe", obj("httpGet", obj("path", "/-/health/ready/", "port", "http"), "periodSeconds", 5),
                    "volumeMounts", list(obj("name", "config", "mountPath", "/etc/" + app(i), "readOnly", true))));
        }
        var labels = obj("app.kubernetes.io/name", app(i), "app.kubernetes.io/instance", name, "app.kubernetes.io/managed-by", "citadel");
        var podSpec = obj(
                "serviceAccountName", app(i),
                "securityContext", obj("runAsNonRoot", true, "fsGroup", 1000),
                "containers", list,
                "volumes", list(obj("name", "config", "configMap", obj("name", name + "-config"))));
        var spec = obj(
                "replicas", 1 + random.nextInt(3),
                "revisionHistoryLimit", 3,
                "selector", obj("matchLabels", labels),
                "strategy", obj("type", "RollingUpdate", "rollingUpdate", obj("maxUnavailable", 0, "maxSurge", 1)),
                "template", obj(
                        "metadata", obj("labels", labels, "annotations", obj(
                                "checksum/config", Long.toHexString(random.nextLong()),
                                "secret.reloader.stakater.com/reload", app(i) + "-db")),
                        "spec", podSpec));
        var props = k8s("apps/v1", "Deployment", name, namespace, obj("reloader.stakater.com/auto", "true"), spec);
        addResource("kubernetes:apps/v1:Deployment", name, props, "citadel:apps:App", kubernetes);
    }

    private void objectStore(int i) {
        var name = app(i) + "-pg-backup-" + i;
        var plant = plant("backup-retention");
        var spec = new LinkedHashMap<String, Object>();
        spec.put("configuration", obj(
                "destinationPath", "s3://pg-backups/" + app(i) + "/" + i,
                "endpointURL", random.nextInt(8) == 0 ? UNKNOWN : "https://minio.storage.svc:9000",
                "s3Credentials", obj(
                        "accessKeyId", obj("name", name + "-s3", "key", "ACCESS_KEY_ID"),
                        "secretAccessKey", obj("name", name + "-s3", "key", "ACCESS_SECRET_KEY")),
                "wal", obj("compression", "gzip", "maxParallel", 4),
                "data", obj("compression", "gzip", "jobs", 2)));
        spec.put("instanceSidecarConfiguration", obj("env", list(
                obj("name", "AWS_REQUEST_CHECKSUM_CALCULATION", "value", "when_required"),
                obj("name", "AWS_RESPONSE_CHECKSUM_VALIDATION", "value", "when_required"))));
        if (plant == Plant.CLEAN) {
            spec.put("retentionPolicy", new String[]{"30d", "14d", "8w"}[random.nextInt(3)]);
        } else if (plant == Plant.UNDECIDABLE) {
            spec.put("retentionPolicy", UNKNOWN);
        }
        var props = k8s("barmancloud.cnpg.io/v1", "ObjectStore", name, "databases", obj(), spec);
        addResource("kubernetes:barmancloud.cnpg.io/v1:ObjectStore", name, props, "citadel:database:CnpgCluster", kubernetes);
    }

    private void pooler(int i) {
        var name = app(i) + "-pooler-" + i;
        var plant = plant("pgbouncer-idle-transaction-timeout");
        var parameters = new LinkedHashMap<String, Object>();
        parameters.put("max_client_conn", "1000");
        parameters.put("default_pool_size", "20");
        parameters.put("server_idle_timeout", "600");
        if (plant == Plant.CLEAN) {
            parameters.put("idle_transaction_timeout", new String[]{"60", "300", "30"}[random.nextInt(3)]);
        } else if (plant == Plant.UNDECIDABLE) {
            parameters.put("idle_transaction_timeout", UNKNOWN);
        } else if (random.nextBoolean()) {
            parameters.put("idle_transaction_timeout", "0");   // pgbouncer's "disabled"
        }
        var spec = obj(
                "cluster", obj("name", app(i) + "-db"),
                "instances", 2,
                "type", "rw",
                "pgbouncer", obj("poolMode", random.nextInt(4) == 0 ? "session" : "transaction", "parameters", parameters),
                "monitoring", obj("enablePodMonitor", true));
        var props = k8s("postgresql.cnpg.io/v1", "Pooler", name, "databases", obj(), spec);
        addResource("kubernetes:postgresql.cnpg.io/v1:Pooler", name, props, "citadel:database:CnpgCluster", kubernetes);
    }

    private void parameterGroup(int i) {
        var name = app(i) + "-pg-params-" + i;
        boolean cluster = random.nextInt(5) == 0;
        boolean mysql = random.nextInt(12) == 0;   // not PostgreSQL: the policy does not apply
        var parameters = new ArrayList<Object>();
        parameters.add(obj("name", "log_min_duration_statement", "value", "500", "applyMethod", "immediate"));
        parameters.add(obj("name", "shared_preload_libraries", "value", "pg_stat_statements", "applyMethod", "pending-reboot"));
        if (mysql) {
            parameters.add(obj("name", "require_secure_transport", "value", "1", "applyMethod", "immediate"));
        } else {
            var plant = plant("rds-force-ssl");
            if (plant == Plant.CLEAN) {
                parameters.add(obj("name", "rds.force_ssl", "value", "1", "applyMethod", "pending-reboot"));
            } else if (plant == Plant.UNDECIDABLE) {
                parameters.add(obj("name", "rds.force_ssl", "value", UNKNOWN, "applyMethod", "pending-reboot"));
            } else if (random.nextBoolean()) {
                parameters.add(obj("name", "rds.force_ssl", "value", "0", "applyMethod", "pending-reboot"));
            }
        }
        var family = mysql ? "mysql8.0" : cluster ? "aurora-postgresql16" : "postgres16";
        var props = obj(
                "name", name,
                "family", family,
                "description", "Citadel " + app(i) + " parameters",
                "parameters", parameters,
                "tags", obj("citadel.dev/stack", STACK, "citadel.dev/app", app(i)),
                "tagsAll", UNKNOWN);
        var type = cluster ? "aws:rds/clusterParameterGroup:ClusterParameterGroup" : "aws:rds/parameterGroup:ParameterGroup";
        addResource(type, name, props, "citadel:database:RdsAppUser", aws);
    }

    private void postgresqlProvider(int i) {
        var name = app(i) + "-rds-" + i;
        var plant = plant("rds-force-ssl");
        var props = new LinkedHashMap<String, Object>();
        props.put("host", UNKNOWN);   // the RDS endpoint: a provider output
        props.put("port", "5432");
        props.put("username", "citadel_admin");
        props.put("password", secret("pw-" + Long.toHexString(random.nextLong())));
        props.put("superuser", "false");
        props.put("database", "postgres");
        props.put("version", "3.18.0");
        if (plant == Plant.CLEAN) {
            props.put("sslmode", random.nextBoolean() ? "require" : "verify-full");
        } else if (plant == Plant.UNDECIDABLE) {
            props.put("sslmode", UNKNOWN);
        } else {
            props.put("sslmode", random.nextBoolean() ? "disable" : "prefer");
        }
        var urn = urn(null, "pulumi:providers:postgresql", name);
        resources.add(AnalyzerResource.newBuilder()
                .setUrn(urn).setType("pulumi:providers:postgresql").setName(name)
                .setProperties(struct(props))
                .setOptions(AnalyzerResourceOptions.newBuilder().setProtect(false).addAdditionalSecretOutputs("password"))
                .build());
    }

    private void service(int i) {
        var name = app(i) + "-svc-" + i;
        var spec = obj("type", "ClusterIP", "selector", obj("app.kubernetes.io/name", app(i)),
                "ports", list(obj("name", "http", "port", 80, "targetPort", "http", "protocol", "TCP")),
                "clusterIP", UNKNOWN);
        addResource("kubernetes:core/v1:Service", name, k8s("v1", "Service", name, ns(i), obj(), spec), "citadel:apps:App", kubernetes);
    }

    private void configMap(int i) {
        var name = app(i) + "-config-" + i;
        var data = new LinkedHashMap<String, Object>();
        int keys = 2 + random.nextInt(6);
        for (int k = 0; k < keys; k++) {
            data.put("setting_" + k, "value-" + random.nextInt(100000) + "-" + "x".repeat(random.nextInt(40)));
        }
        var props = new LinkedHashMap<String, Object>();
        props.put("apiVersion", "v1");
        props.put("kind", "ConfigMap");
        props.put("metadata", obj("name", name, "namespace", ns(i), "labels", obj("app.kubernetes.io/name", app(i))));
        props.put("data", data);
        addResource("kubernetes:core/v1:ConfigMap", name, struct(props), "citadel:apps:App", kubernetes);
    }

    private void vaultSecret(int i) {
        var name = app(i) + "-kv-" + i;
        var props = obj("mount", "secret", "name", "apps/" + app(i) + "/" + name,
                "dataJson", secret("{\"password\":\"" + Long.toHexString(random.nextLong()) + "\",\"username\":\"" + app(i) + "\"}"),
                "deleteAllVersions", false, "cas", 1);
        addResource("vault:kv/secretV2:SecretV2", name, props, "citadel:secrets:VaultBackedSecret", null);
    }

    private void randomPassword(int i) {
        var name = app(i) + "-password-" + i;
        var props = obj("length", 32, "special", false, "upper", true, "lower", true, "numeric", true,
                "minUpper", 1, "minLower", 1, "minNumeric", 1, "keepers", obj("rotation", String.valueOf(random.nextInt(3))));
        addResource("random:index/randomPassword:RandomPassword", name, props, "citadel:secrets:VaultBackedSecret", null);
    }

    private void postgresqlRole(int i) {
        var name = app(i) + "-role-" + i;
        var props = obj("name", app(i), "login", true, "createDatabase", random.nextInt(4) == 0,
                "superuser", false, "createRole", false, "password", secret(UNKNOWN), "connectionLimit", -1);
        addResource("postgresql:index/role:Role", name, props, "citadel:database:RdsAppUser", null);
    }

    private void cnpgCluster(int i) {
        var name = app(i) + "-db-" + i;
        var spec = obj(
                "instances", 3,
                "imageName", "ghcr.io/cloudnative-pg/postgresql:17.6-standard-trixie",
                "storage", obj("size", "20Gi", "storageClass", "longhorn"),
                "plugins", list(obj("name", "barman-cloud.cloudnative-pg.io", "isWALArchiver", true,
                        "parameters", obj("barmanObjectName", app(i) + "-pg-backup", "serverName", name + "-" + random.nextInt(1000)))),
                "managed", obj("roles", list(obj("name", app(i), "ensure", "present", "login", true, "createdb", false,
                        "passwordSecret", obj("name", app(i) + "-db-credentials"), "inRoles", list("pg_read_all_data")))),
                "postgresql", obj("parameters", obj("max_connections", "200", "shared_buffers", "256MB")),
                "monitoring", obj("enablePodMonitor", true));
        addResource("kubernetes:postgresql.cnpg.io/v1:Cluster", name, k8s("postgresql.cnpg.io/v1", "Cluster", name, "databases", obj(), spec),
                "citadel:database:CnpgCluster", kubernetes);
    }

    private void component(int i) {
        var name = app(i) + "-component-" + i;
        addResource("citadel:secrets:VaultBackedSecret", name, Struct.getDefaultInstance(), null, null);
    }

    // ---------------------------------------------------------------------------------------------------

    private void addResource(String type, String name, Struct properties, String parentType, AnalyzerProviderResource provider) {
        var parentUrn = parentType == null ? "urn:pulumi:" + STACK + "::" + PROJECT + "::pulumi:pulumi:Stack::" + PROJECT + "-" + STACK
                : urn(null, parentType, name.replaceAll("-\\d+$", ""));
        var urn = urn(parentType, type, name);
        var options = AnalyzerResourceOptions.newBuilder()
                .setProtect(false)
                .setParent(parentUrn)
                .addIgnoreChanges(type.startsWith("kubernetes:") ? "metadata.annotations[\"kubectl.kubernetes.io/restartedAt\"]" : "tags");
        var r = AnalyzerResource.newBuilder()
                .setUrn(urn).setType(type).setName(name)
                .setProperties(properties)
                .setOptions(options)
                .setParent(parentUrn);
        if (provider != null) {
            r.setProvider(provider);
            r.addDependencies(provider.getUrn());
        }
        resources.add(r.build());
    }

    private static String urn(String parentType, String type, String name) {
        var qualified = parentType == null ? type : parentType + "$" + type;
        return "urn:pulumi:" + STACK + "::" + PROJECT + "::" + qualified + "::" + name;
    }

    private static AnalyzerProviderResource provider(String pkg, String name, Struct properties) {
        var type = "pulumi:providers:" + pkg;
        return AnalyzerProviderResource.newBuilder().setType(type).setName(name).setUrn(urn(null, type, name))
                .setProperties(properties).build();
    }

    private static Struct k8s(String apiVersion, String kind, String name, String namespace, Struct annotations, Struct spec) {
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        metadata.put("labels", obj("app.kubernetes.io/managed-by", "citadel", "app.kubernetes.io/part-of", "citadel"));
        if (annotations.getFieldsCount() > 0) {
            metadata.put("annotations", annotations);
        }
        var props = new LinkedHashMap<String, Object>();
        props.put("apiVersion", apiVersion);
        props.put("kind", kind);
        props.put("metadata", metadata);
        props.put("spec", spec);
        return struct(props);
    }

    private static Struct k8s(String apiVersion, String kind, String name, String namespace, Struct annotations, Map<String, Object> spec) {
        return k8s(apiVersion, kind, name, namespace, annotations, struct(spec));
    }

    /** A secret as the engine marshals it with KeepSecrets. */
    static Struct secret(Object value) {
        return obj(SIG_KEY, SECRET_SIG, "value", value);
    }

    static Struct obj(Object... keyValues) {
        var b = Struct.newBuilder();
        for (int i = 0; i < keyValues.length; i += 2) {
            b.putFields((String) keyValues[i], value(keyValues[i + 1]));
        }
        return b.build();
    }

    static List<Object> list(Object... items) {
        return List.of(items);
    }

    static Struct struct(Map<String, Object> fields) {
        var b = Struct.newBuilder();
        fields.forEach((k, v) -> b.putFields(k, value(v)));
        return b.build();
    }

    @SuppressWarnings("unchecked")
    static Value value(Object v) {
        if (v == null) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        }
        if (v instanceof Value value) {
            return value;
        }
        if (v instanceof Struct s) {
            return Value.newBuilder().setStructValue(s).build();
        }
        if (v instanceof String s) {
            return Value.newBuilder().setStringValue(s).build();
        }
        if (v instanceof Boolean b) {
            return Value.newBuilder().setBoolValue(b).build();
        }
        if (v instanceof Number n) {
            return Value.newBuilder().setNumberValue(n.doubleValue()).build();
        }
        if (v instanceof Map<?, ?> m) {
            return Value.newBuilder().setStructValue(struct((Map<String, Object>) m)).build();
        }
        if (v instanceof List<?> l) {
            var list = ListValue.newBuilder();
            l.forEach(x -> list.addValues(value(x)));
            return Value.newBuilder().setListValue(list).build();
        }
        throw new IllegalArgumentException("cannot marshal " + v.getClass());
    }
}
