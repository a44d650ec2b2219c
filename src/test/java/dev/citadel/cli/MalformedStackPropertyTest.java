package dev.citadel.cli;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Random malformed stack configs — values of the wrong type, empty, huge, unicode, alias bombs — at random
 * places of a stack that otherwise plans cleanly (the mistakes project's baseline): the plan ends within a
 * bound, with exit 2 and one line naming a {@code citadel:} path, never a trace or an exception class.
 */
class MalformedStackPropertyTest {
    private final Path project;

    MalformedStackPropertyTest() throws IOException {
        project = Files.createTempDirectory("citadel-malformed");
        Files.writeString(project.resolve("Pulumi.yaml"), "name: citadel\nruntime: java\nstackConfigDir: stacks\n");
        Files.createDirectories(project.resolve("stacks"));
    }

    @AfterProperty
    void cleanUp() throws IOException {
        try (var walk = Files.walk(project)) {
            for (var p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A mistake: where it goes, what it writes there. */
    record Mistake(String where, Function<Map<String, Object>, String> apply) {
        @Override
        public String toString() {
            return where;
        }
    }

    @Property(tries = 60)
    void aMalformedStackIsOneLineNamingACitadelPathWithinTheBound(@ForAll("mistakes") Mistake mistake) throws IOException {
        planIsOneLineWithinTheBound(mistake.apply().apply(baseline()));
    }

    private void planIsOneLineWithinTheBound(String stackFile) throws IOException {
        Files.writeString(project.resolve("stacks/Pulumi.random.yaml"), stackFile);

        var result = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> Cli.run("plan", "--stack", "random", "--project-dir", project.toString()));

        result.isOneLineUserError("citadel:");
    }

    /** Without the mistake the stack plans cleanly, so every failure above is the mistake's. */
    @net.jqwik.api.Example
    void theBaselinePlansCleanly() throws IOException {
        Files.writeString(project.resolve("stacks/Pulumi.random.yaml"), dump(baseline()));

        var result = Cli.run("plan", "--stack", "random", "--project-dir", project.toString());

        org.assertj.core.api.Assertions.assertThat(result.exitCode()).as("stderr: %s", result.err()).isZero();
    }

    /** Values no setting of the baseline accepts where a single name, path, URL or number is expected. */
    private static Arbitrary<Object> notAName() {
        var unicode = Arbitraries.strings().withCharRange('\u00c0', '\u024f').withChars("☃ \t\u0007\u202e").ofMinLength(1).ofMaxLength(40)
                .map(s -> "Ü" + s);
        return Arbitraries.oneOf(
                Arbitraries.just(""),
                Arbitraries.just("   "),
                unicode.map(s -> (Object) s),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(s -> (Object) List.of(s, s)),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(s -> (Object) Map.of("k", s)),
                Arbitraries.integers().between(1, 5).map(n -> (Object) nested(n)),
                // 70,000 characters, and a space no name, path, key or URL of the baseline allows.
                Arbitraries.just("X y/".repeat(17_500)));
    }

    private static Object nested(int depth) {
        Object v = "x";
        for (int i = 0; i < depth; i++) {
            v = List.of(Map.of("a", v));
        }
        return v;
    }

    /**
     * The same over the component settings (identity, databases, RDS): a stack carrying all three plans cleanly, and a
     * mistake in any of them is still one line naming its {@code citadel:} path, within the bound.
     */
    @Property(tries = 60)
    void aMalformedComponentSettingIsOneLineNamingACitadelPathWithinTheBound(@ForAll("componentMistakes") Mistake mistake)
            throws IOException {
        planIsOneLineWithinTheBound(mistake.apply().apply(componentBaseline()));
    }

    @net.jqwik.api.Example
    void theComponentBaselinePlansCleanly() throws IOException {
        Files.writeString(project.resolve("stacks/Pulumi.random.yaml"), dump(componentBaseline()));

        var result = Cli.run("plan", "--stack", "random", "--project-dir", project.toString());

        org.assertj.core.api.Assertions.assertThat(result.exitCode()).as("stderr: %s", result.err()).isZero();
    }

    @Provide
    Arbitrary<Mistake> componentMistakes() {
        var setValue = Combinators.combine(
                Arbitraries.of("databases.0.name", "databases.0.namespace", "databases.0.instances", "databases.0.storage",
                        "databases.0.image", "databases.0.backup.endpoint", "databases.0.backup.bucket",
                        "databases.0.backup.retention", "databases.0.backup.schedule", "databases.0.roles.0.name",
                        "databases.0.bootstrap.database", "databases.0.bootstrap.owner", "databases.0.incarnation",
                        "rds.endpoint.host", "rds.endpoint.port", "rds.endpoint.engineVersion", "rds.users.0.name",
                        "rds.users.0.user", "rds.users.0.database", "rds.users.0.connectionLimit",
                        "identity.keycloak.url", "identity.keycloak.namespace", "identity.realm.name",
                        "identity.realm.groups", "identity.rbac.bindings.admin", "identity.rbac.apiServer"),
                notAName()).as((where, value) -> new Mistake(where + " = " + describe(value), c -> dump(set(c, where, value))));
        var wrongShape = Combinators.combine(
                Arbitraries.of("databases", "databases.0", "databases.0.backup", "databases.0.roles", "rds", "rds.endpoint",
                        "rds.users", "identity", "identity.realm", "identity.rbac", "identity.rbac.bindings"),
                Arbitraries.of((Object) "text", 42, true, List.of("a"), Map.of("a", "b"))).as((where, value) ->
                new Mistake(where + " = " + describe(value), c -> dump(setShape(c, where, value))));
        var unknownKey = Combinators.combine(
                Arbitraries.of("databases.0", "databases.0.backup", "rds.endpoint", "rds.users.0", "identity.realm", "identity.rbac"),
                Arbitraries.strings().withCharRange('a', 'z').withChars("ßéİı").ofMinLength(3).ofMaxLength(12)).as((where, key) ->
                new Mistake(where + "." + "zz" + key, c -> dump(set(c, where + ".zz" + key, "1"))));
        return Arbitraries.oneOf(setValue, wrongShape, unknownKey);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> componentBaseline() {
        var config = baseline();
        var more = (Map<String, Object>) new Yaml().load(String.join("\n",
                "citadel:secrets:",
                "  - {name: app-token, path: app/token, generate: [{key: token}], syncTo: [{namespace: app}]}",
                "  - name: app-postgres",
                "    path: app/postgres",
                "    type: kubernetes.io/basic-auth",
                "    labels: {cnpg.io/reload: 'true'}",
                "    values: {username: app}",
                "    generate: [{key: password}]",
                "    syncTo: [{namespace: app}]",
                "citadel:identity:",
                "  keycloak: {url: 'https://sso.fixture.lan', namespace: identity}",
                "  realm: {name: fixture, groups: [admin, developer, user], clients: [{kubernetesCli: kubernetes}]}",
                "  rbac: {apiServer: talos, bindings: {admin: cluster-admin, developer: edit}}",
                "citadel:databases:",
                "  - name: app-db",
                "    namespace: app",
                "    instances: 2",
                "    storage: 10Gi",
                "    incarnation: 1",
                "    bootstrap: {database: app, owner: app}",
                "    roles: [{name: app, secret: app-postgres}]",
                "    backup: {endpoint: 'http://rustfs.storage.svc.cluster.local:9000', bucket: app-backups,",
                "             credentials: {secretName: rustfs-backup}, retention: 30d, schedule: '0 0 3 * * *'}",
                "citadel:rds:",
                "  endpoint:",
                "    host: db.fixture.eu-west-2.rds.amazonaws.com",
                "    port: 5432",
                "    engineVersion: '15.15'",
                "    masterPassword: {secretName: rds-master}",
                "    provisioner: {kind: job, namespace: app}",
                "    caBundle: {configMap: rds-ca, key: global-bundle.pem}",
                "  users:",
                "    - {name: keycloak-db, user: keycloak_app, database: keycloak, password: {secret: app-token, key: token},",
                "       connectionLimit: 20}",
                "citadel:policies:",
                "  crd-installed-before-use:",
                "    preinstalledCrds: [external-secrets.io, k8s.keycloak.org, postgresql.cnpg.io, barmancloud.cnpg.io,",
                "                       monitoring.coreos.com]",
                "  references-resolve:",
                "    preinstalled: [Secret app/rustfs-backup, Secret app/rds-master, ConfigMap app/rds-ca, Keycloak identity/keycloak]",
                ""));
        config.putAll(more);
        return config;
    }

    @Provide
    Arbitrary<Mistake> mistakes() {
        var setValue = Combinators.combine(
                Arbitraries.of("secrets.0.name", "secrets.0.path", "secrets.0.syncTo.0.namespace", "secrets.0.generate.0.key",
                        "vault.address", "vault.server", "vault.store", "secrets.0.generate.0.length"),
                notAName()).as((where, value) -> new Mistake(where + " = " + describe(value), c -> dump(set(c, where, value))));
        var wrongShape = Combinators.combine(
                Arbitraries.of("secrets", "vault", "kubernetes", "secrets.0", "secrets.0.syncTo", "secrets.0.generate"),
                Arbitraries.of((Object) "text", 42, true, List.of("a"), Map.of("a", "b"))).as((where, value) ->
                new Mistake(where + " = " + describe(value), c -> dump(setShape(c, where, value))));
        var unknownKey = Combinators.combine(
                Arbitraries.of("secrets.0", "vault", "kubernetes", "secrets.0.syncTo.0"),
                Arbitraries.strings().withCharRange('a', 'z').withChars("ßéİı").ofMinLength(3).ofMaxLength(12)).as((where, key) ->
                new Mistake(where + "." + "zz" + key, c -> dump(set(c, where + ".zz" + key, "1"))));
        var aliasBomb = Arbitraries.integers().between(6, 9).map(width -> new Mistake("alias bomb " + width, c -> bomb(c, width)));
        return Arbitraries.oneOf(setValue, wrongShape, unknownKey, aliasBomb);
    }

    private static String describe(Object value) {
        var s = String.valueOf(value);
        return s.length() > 30 ? s.substring(0, 30) + "…(" + s.length() + ")" : s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> set(Map<String, Object> config, String where, Object value) {
        var parts = where.split("\\.");
        Object node = config.get("citadel:" + parts[0]);
        for (int i = 1; i < parts.length - 1; i++) {
            node = node instanceof List ? ((List<Object>) node).get(Integer.parseInt(parts[i])) : ((Map<String, Object>) node).get(parts[i]);
        }
        var last = parts[parts.length - 1];
        if (node instanceof List) {
            ((List<Object>) node).set(Integer.parseInt(last), value);
        } else {
            ((Map<String, Object>) node).put(last, value);
        }
        return config;
    }

    private static Map<String, Object> setShape(Map<String, Object> config, String where, Object value) {
        if (!where.contains(".")) {
            config.put("citadel:" + where, value);
            return config;
        }
        return set(config, where, value);
    }

    /** Fewer aliases than SnakeYAML's limit of 50, width^5 values once expanded. */
    private static String bomb(Map<String, Object> config, int width) {
        var text = new StringBuilder(dump(config)).append("  citadel:manifests:\n    - a: &a [");
        text.append(String.join(", ", java.util.Collections.nCopies(width, "x"))).append("]\n");
        var previous = "a";
        for (var level : List.of("b", "c", "d", "e", "f")) {
            text.append("      ").append(level).append(": &").append(level).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(width, "*" + previous))).append("]\n");
            previous = level;
        }
        return text.toString();
    }

    private static String dump(Map<String, Object> config) {
        var options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setSplitLines(false);
        return new Yaml(options).dump(Map.of("config", config));
    }

    private static Map<String, Object> baseline() {
        var config = new LinkedHashMap<String, Object>();
        config.put("citadel:kubernetes", new LinkedHashMap<>(Map.of("context", "admin@fixture")));
        config.put("citadel:vault", new LinkedHashMap<>(Map.of("address", "https://vault.fixture.lan:8200",
                "server", "http://vault.vault.svc.cluster.local:8200")));
        var generate = new ArrayList<Object>(List.of(new LinkedHashMap<>(Map.of("key", "token", "length", 32))));
        var syncTo = new ArrayList<Object>(List.of(new LinkedHashMap<>(Map.of("namespace", "app"))));
        var secret = new LinkedHashMap<String, Object>();
        secret.put("name", "app-token");
        secret.put("path", "app/token");
        secret.put("generate", generate);
        secret.put("syncTo", syncTo);
        config.put("citadel:secrets", new ArrayList<Object>(List.of(secret)));
        config.put("citadel:policies", new LinkedHashMap<>(Map.of("crd-installed-before-use",
                Map.of("preinstalledCrds", List.of("external-secrets.io")))));
        return config;
    }
}
