package dev.citadel.cli;

import com.google.gson.JsonObject;
import com.pulumi.core.Output;
import dev.citadel.identity.GoogleIdentityProvider;
import dev.citadel.identity.Group;
import dev.citadel.identity.KeycloakRealm;
import dev.citadel.identity.KeycloakRealmArgs;
import dev.citadel.identity.OidcClient;
import dev.citadel.identity.keycloak.KeycloakExtension;
import dev.citadel.identity.keycloak.KeycloakFileServer;
import dev.citadel.identity.keycloak.KeycloakServer;
import dev.citadel.plan.PlanRunner;
import dev.citadel.secrets.SecretStoreRef;
import dev.citadel.secrets.VaultBackedSecret;
import dev.citadel.secrets.VaultBackedSecretArgs;
import dev.citadel.verify.AdminCredentials;
import dev.citadel.verify.LiveRealmReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import javax.net.ssl.SSLContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code verify --realm-drift} and {@code realm-ids} against the real Keycloak 26: the homelab stack's realm,
 * imported, passes; a changed plan (a new group, the {@code groups} scope off the kube client, one redirect URI)
 * fails once per change; and the operator's create-only import ({@code kc.sh import --override=false}) of that
 * changed realm, run for real against the server's own database, leaves the live realm exactly as it was.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealmDriftIT {
    static final String DRIFT = "citadel-drift";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

    final KeycloakServer keycloak;

    RealmDriftIT(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    /** The values the operator would read from Secrets, one per placeholder: test values, never compared. */
    static Map<String, String> placeholderValues(JsonObject realm) {
        var values = new TreeMap<String, String>();
        var m = PLACEHOLDER.matcher(realm.toString());
        while (m.find()) {
            values.put(m.group(1), "it-" + m.group(1).toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
        return values;
    }

    static String substituted(JsonObject realm) {
        var values = placeholderValues(realm);
        return PLACEHOLDER.matcher(realm.toString()).replaceAll(r -> values.get(r.group(1)));
    }

    Map<String, String> adminEnv(String password) {
        return Map.of(KeycloakAdminOptions.USER_ENV, KeycloakServer.ADMIN_USERNAME, KeycloakAdminOptions.PASSWORD_ENV, password);
    }

    /** The CLI, with {@code verify} and {@code realm-ids} reading {@code env}. */
    static Cli.Result cli(Map<String, String> env, String... args) {
        return RealmDriftCommandTest.run(env, args);
    }

    @Test
    void theHomelabStacksRealmPassesAndRealmIdsPrintsTheIdsKeycloakReports() {
        var realm = DeclaredRealm.of(PlanCommand.plan(Path.of("."), "homelab"), "homelab").get(0);
        var admin = keycloak.admin();
        admin.deleteRealm(realm.name());
        admin.importRealm(substituted(realm.json()));
        var env = adminEnv(keycloak.adminPassword());
        var reach = List.of("--keycloak-url", keycloak.baseUrl().toString(), "--ca-file", keycloak.caCertificate().toString());
        try {
            var verify = cli(env, args(List.of("verify", "--stack", "homelab", "--realm-drift"), reach));
            assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
            assertThat(verify.out().lines().toList()).containsExactly("PASS realm homelab: the live realm matches the declaration"
                            + " (5 groups, 3 clients, 7 client scopes, 1 identity providers)", "verify: OK, 1 passed, 0 failed, 0 skipped");

            var ids = cli(env, args(List.of("realm-ids", "--stack", "homelab"), reach));
            assertThat(ids.exitCode()).as(ids.out() + ids.err()).isZero();
            Map<String, Map<String, Map<String, String>>> printed = new Yaml().load(ids.out());
            var adopt = printed.get("adopt");
            assertThat(adopt.get("groups")).isEqualTo(idsOf(admin.get("/admin/realms/homelab/groups"), "name", adopt.get("groups").keySet()));
            assertThat(adopt.get("groups")).containsOnlyKeys("admin", "operator", "developer", "viewer", "user");
            assertThat(adopt.get("clients")).isEqualTo(idsOf(admin.get("/admin/realms/homelab/clients"), "clientId", adopt.get("clients").keySet()));
            assertThat(adopt.get("clients")).containsOnlyKeys("kubernetes", "oidc-sso", "homelab-api");
            assertThat(adopt.get("clientScopes")).isEqualTo(idsOf(admin.get("/admin/realms/homelab/client-scopes"), "name",
                    adopt.get("clientScopes").keySet()));
            assertThat(adopt.get("clientScopes")).containsKey("groups").doesNotContainKey("offline_access");
            assertThat(verify.out() + verify.err() + ids.out() + ids.err()).doesNotContain(keycloak.adminPassword());
        } finally {
            admin.deleteRealm(realm.name());
        }
    }

    private static String[] args(List<String> command, List<String> more) {
        var all = new ArrayList<>(command);
        all.addAll(more);
        return all.toArray(String[]::new);
    }

    /** The admin API's {@code nameKey -> id} for the objects named {@code names}. */
    private static Map<String, String> idsOf(Object list, String nameKey, Set<String> names) {
        var out = new TreeMap<String, String>();
        for (var o : (List<?>) list) {
            var m = (Map<?, ?>) o;
            if (names.contains(String.valueOf(m.get(nameKey)))) {
                out.put(String.valueOf(m.get(nameKey)), String.valueOf(m.get("id")));
            }
        }
        return out;
    }

    /** A homelab-shaped realm (nested groups, the kube client with Headlamp's callback, a confidential client, Google). */
    static KeycloakRealmArgs args(String keycloakUrl, boolean changed, VaultBackedSecret google, VaultBackedSecret grafana) {
        var kube = OidcClient.kubernetesCli().withRedirectUris("http://localhost:8000/*", "http://localhost:18000/*",
                changed ? "https://headlamp.homelab.lan/oauth2/callback" : "https://headlamp.homelab.lan/oidc-callback");
        var groups = new ArrayList<>(List.of(Group.of("admin"), Group.of("platform", Group.of("sre")), Group.of("developer"),
                Group.of("viewer"), Group.of("user")));
        if (changed) {
            groups.add(Group.of("auditor"));
        }
        var clientId = google.ref("identity", "clientId");
        return KeycloakRealmArgs.builder().keycloakUrl(keycloakUrl).namespace("identity").realm(DRIFT)
                .groups(groups.toArray(Group[]::new)).defaultGroups("user")
                .client(changed ? kube.withoutScope("groups") : kube)
                .client(OidcClient.web("grafana", grafana.ref("identity", "client-secret"))
                        .withRedirectUris("https://grafana.homelab.lan/oauth2/callback"))
                .google(GoogleIdentityProvider.of(clientId, clientId.withKey("clientSecret")).withHostedDomain("example.test"))
                .build();
    }

    /** The realm as {@code citadel plan} declares it: the KeycloakRealm's realmJson output, read as the CLI reads it. */
    static DeclaredRealm plan(String keycloakUrl, boolean changed) {
        var plan = new PlanRunner("citadel", "it", Map.of(), Set.of()).run(ctx -> {
            var store = SecretStoreRef.cluster("vault-kv", "secret");
            var google = new VaultBackedSecret("google-oauth", VaultBackedSecretArgs.builder().store(store).path("identity/google-oauth")
                    .value("clientId", "it.apps.googleusercontent.com").value("clientSecret", Output.ofSecret("not-used"))
                    .syncTo("identity").build());
            var grafana = new VaultBackedSecret("grafana-oidc", VaultBackedSecretArgs.builder().store(store).path("gateway/grafana-oidc")
                    .value("client-secret", Output.ofSecret("not-used")).syncTo("identity").build());
            new KeycloakRealm(DRIFT, args(keycloakUrl, changed, google, grafana));
        });
        return DeclaredRealm.of(plan, "it").get(0);
    }

    static LiveRealmReader.Options reader(URI base, String adminPassword, SSLContext tls) {
        return new LiveRealmReader.Options(base, "master", new AdminCredentials.AdminUser(KeycloakServer.ADMIN_USERNAME, adminPassword),
                tls, Duration.ofSeconds(60));
    }

    /** {@code verify --realm-drift}'s run over one declared realm: its exit code and lines. */
    static Cli.Result drift(DeclaredRealm realm, LiveRealmReader.Options reader) {
        var out = new StringWriter();
        var exit = RealmDriftRun.run("it", List.of(new RealmDriftRun.Target(realm, reader)), new PrintWriter(out, true));
        return new Cli.Result(exit, out.toString(), "");
    }

    static final List<String> CHANGES = List.of(
            "FAIL realm citadel-drift: group /auditor is declared but missing live",
            "FAIL realm citadel-drift: client 'kubernetes': default client scopes: live but not declared 'groups'",
            "FAIL realm citadel-drift: client 'kubernetes': redirect URIs: declared but not live"
                    + " 'https://headlamp.homelab.lan/oauth2/callback'; live but not declared 'https://headlamp.homelab.lan/oidc-callback'");

    static void assertOneFailPerChange(Cli.Result result) {
        assertThat(result.exitCode()).as(result.out()).isEqualTo(ExitCodes.CHECK_FAILED);
        var lines = result.out().lines().toList();
        assertThat(lines).hasSize(CHANGES.size() + 1).last().isEqualTo("verify: FAILED, 0 passed, 3 failed, 0 skipped");
        assertThat(lines.subList(0, CHANGES.size())).extracting(l -> l.substring(0, l.indexOf("; the realm's target is import")))
                .containsExactlyElementsOf(CHANGES);
        assertThat(lines.subList(0, CHANGES.size())).allSatisfy(l -> assertThat(l).endsWith("the operator's KeycloakRealmImport creates"
                + " realms only and will not apply this; move it to managed (citadel:identity.realm.target: managed, with the adopt:"
                + " block 'citadel realm-ids --stack it' prints)"));
        assertThat(result.out()).doesNotContain("it-client-grafana-secret", "it-google-client-secret");
    }

    @Test
    void aChangedPlanFailsOncePerChange() {
        var url = keycloak.baseUrl().toString();
        var baseline = plan(url, false);
        var admin = keycloak.admin();
        admin.deleteRealm(DRIFT);
        admin.importRealm(substituted(baseline.json()));
        var reader = reader(keycloak.baseUrl(), keycloak.adminPassword(), keycloak.sslContext());
        try {
            var same = drift(baseline, reader);
            assertThat(same.exitCode()).as(same.out()).isZero();
            assertThat(same.out()).startsWith("PASS realm citadel-drift: the live realm matches the declaration (6 groups, 2 clients,");

            assertOneFailPerChange(drift(plan(url, true), reader));
        } finally {
            admin.deleteRealm(DRIFT);
        }
    }

    /**
     * What the operator's import Job does with the changed realm: {@code kc.sh import --override=false} on the data the
     * server serves. Keycloak skips the realm because it exists; after a restart the live realm is exactly what it was,
     * and the drift check still names the three changes. The create-only behaviour, shown.
     */
    @Test
    void theOperatorsImportOfTheChangedRealmChangesNothingLive(@TempDir Path temp) throws Exception {
        try (var server = KeycloakFileServer.prepare()) {
            server.start();
            var url = server.baseUrl().toString();
            var baseline = plan(url, false);
            server.admin().importRealm(substituted(baseline.json()));
            var reader = reader(server.baseUrl(), server.adminPassword(), server.sslContext());
            var before = new LiveRealmReader(reader).read(DRIFT);
            assertThat(drift(baseline, reader).exitCode()).isZero();
            server.stop();

            var changed = plan(url, true);
            var file = temp.resolve("realm-import.json");
            // The KeycloakRealmImport's spec.realm with its placeholders, filled from the environment as the Job fills them.
            Files.writeString(file, changed.json().toString());
            var imported = server.importRealm(file, false, placeholderValues(changed.json()));
            assertThat(imported.exitCode()).as(imported.log()).isZero();
            assertThat(imported.log()).contains("Realm '" + DRIFT + "' already exists. Import skipped");

            server.start();
            var after = new LiveRealmReader(reader).read(DRIFT);
            assertThat(after).isEqualTo(before);
            assertOneFailPerChange(drift(changed, reader));
        }
    }
}
