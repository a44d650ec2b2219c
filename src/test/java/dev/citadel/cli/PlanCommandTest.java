package dev.citadel.cli;

import com.google.gson.JsonElement;
import dev.citadel.testing.Read;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** {@code citadel plan} on the project's own stacks, as a user runs it from the repository root. */
class PlanCommandTest {
    private static final String VBS = "citadel:secrets:VaultBackedSecret";
    private static final String PASSWORD = "random:index/randomPassword:RandomPassword";
    private static final String KV = "vault:kv/secretV2:SecretV2";
    private static final String EXTERNAL_SECRET = "kubernetes:external-secrets.io/v1:ExternalSecret";

    /** One line of the resource tree: how deep it is indented, the type and the name. */
    record Row(int depth, String type, String name) {
    }

    private static final Pattern ROW = Pattern.compile("^ \\+   ((?:[│├└─ ]{3})*)(\\S+) +(\\S+)$");

    static List<Row> tree(String text) {
        var rows = new ArrayList<Row>();
        for (var line : text.lines().toList()) {
            if (line.startsWith(" +   ")) {
                var m = ROW.matcher(line);
                assertThat(m.matches()).as("tree row '%s'", line).isTrue();
                rows.add(new Row(m.group(1).length() / 3, m.group(2), m.group(3)));
            }
        }
        return rows;
    }

    /** The rows directly below {@code parent} in the tree. */
    static List<Row> children(List<Row> rows, Row parent) {
        var kids = new ArrayList<Row>();
        for (int i = rows.indexOf(parent) + 1; i < rows.size() && rows.get(i).depth() > parent.depth(); i++) {
            if (rows.get(i).depth() == parent.depth() + 1) {
                kids.add(rows.get(i));
            }
        }
        return kids;
    }

    private static int summaryCount(String text) {
        var m = Pattern.compile("(?m)^Resources:\\n    \\+ (\\d+) to create$").matcher(text);
        assertThat(m.find()).as("a 'Resources:' summary in%n%s", text).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void homelabPrintsTheTreeUnderTheStackWithEachSecretsChildrenIndentedBelowIt() {
        var result = Cli.run("plan", "--stack", "homelab");

        assertThat(result.exitCode()).as("stderr: %s", result.err()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).startsWith("Previewing citadel (homelab), offline\n");
        var rows = tree(result.out());
        assertThat(rows.get(0)).isEqualTo(new Row(0, "pulumi:pulumi:Stack", "citadel-homelab"));
        assertThat(rows.subList(1, rows.size())).allSatisfy(r -> assertThat(r.depth()).isPositive());

        var powerdns = rows.stream().filter(r -> r.type().equals(VBS) && r.name().equals("powerdns-api-key")).findFirst();
        var bootstrap = rows.stream().filter(r -> r.type().equals(VBS) && r.name().equals("authentik-bootstrap")).findFirst();
        var postgres = rows.stream().filter(r -> r.type().equals(VBS) && r.name().equals("authentik-postgres")).findFirst();
        assertThat(List.of(powerdns, bootstrap, postgres)).allSatisfy(r -> assertThat(r).hasValueSatisfying(
                row -> assertThat(row.depth()).as("a component directly under the stack").isEqualTo(1)));

        assertThat(children(rows, powerdns.orElseThrow())).extracting(Row::type, Row::name).containsExactlyInAnyOrder(
                tuple(EXTERNAL_SECRET, "powerdns-api-key-cert-manager"),
                tuple(EXTERNAL_SECRET, "powerdns-api-key-dns-system"),
                tuple(EXTERNAL_SECRET, "powerdns-api-key-external-dns"),
                tuple(PASSWORD, "powerdns-api-key-PDNS_API_KEY"),
                tuple(KV, "powerdns-api-key"));
        assertThat(children(rows, bootstrap.orElseThrow())).extracting(Row::type, Row::name).containsExactlyInAnyOrder(
                tuple(EXTERNAL_SECRET, "authentik-bootstrap-authentik"),
                tuple(PASSWORD, "authentik-bootstrap-AUTHENTIK_BOOTSTRAP_PASSWORD"),
                tuple(PASSWORD, "authentik-bootstrap-AUTHENTIK_BOOTSTRAP_TOKEN"),
                tuple(KV, "authentik-bootstrap"));
        assertThat(children(rows, postgres.orElseThrow())).extracting(Row::type, Row::name).containsExactlyInAnyOrder(
                tuple(EXTERNAL_SECRET, "authentik-postgres-authentik"),
                tuple(PASSWORD, "authentik-postgres-password"),
                tuple(KV, "authentik-postgres"));

        assertThat(summaryCount(result.out())).as("the summary counts every row of the tree").isEqualTo(rows.size());
    }

    @Test
    void homelabAsJsonListsTheSameResourcesWithParentsAndASummary() throws IOException {
        var json = Cli.run("plan", "--stack", "homelab", "--format", "json");
        var text = Cli.run("plan", "--stack", "homelab");

        assertThat(json.exitCode()).as("stderr: %s", json.err()).isZero();
        assertThat(json.err()).isEmpty();
        var doc = Read.strictJson(json.out());
        assertThat(doc.get("project").getAsString()).isEqualTo("citadel");
        assertThat(doc.get("stack").getAsString()).isEqualTo("homelab");
        var resources = doc.getAsJsonArray("resources");
        assertThat(doc.getAsJsonObject("summary").get("create").getAsInt())
                .isEqualTo(resources.size())
                .isEqualTo(summaryCount(text.out()));
        assertThat(resources.asList()).allSatisfy(r -> assertThat(r.getAsJsonObject().keySet())
                .contains("urn", "type", "name", "custom", "inputs"));

        var byName = resources.asList().stream().map(JsonElement::getAsJsonObject)
                .filter(r -> r.get("name").getAsString().startsWith("powerdns-api-key")).toList();
        var component = byName.stream().filter(r -> r.get("type").getAsString().equals(VBS)).findFirst().orElseThrow();
        var password = byName.stream().filter(r -> r.get("type").getAsString().equals(PASSWORD)).findFirst().orElseThrow();
        assertThat(component.get("custom").getAsBoolean()).isFalse();
        assertThat(password.get("parent").getAsString()).isEqualTo(component.get("urn").getAsString());
        assertThat(password.getAsJsonObject("inputs").get("length").toString()).isEqualTo("32");
        assertThat(doc.getAsJsonObject("outputs").keySet()).contains("vaultSecrets", "secretStore");
    }

    /** A realm another stack manages: its contract in citadel:identity.issuer feeds OidcRbac, with no KeycloakRealm here. */
    @Test
    void aRealmContractFromStackConfigFeedsOidcRbacWithoutAKeycloakRealm() {
        var result = Cli.run("plan", "--stack", "prod", "--project-dir", "src/test/resources/projects/realm-elsewhere");

        assertThat(result.exitCode()).as("stderr: %s", result.err()).isZero();
        var rows = tree(result.out());
        assertThat(rows).extracting(Row::type).contains("citadel:identity:OidcRbac").doesNotContain("citadel:identity:KeycloakRealm");
        assertThat(rows).extracting(Row::name).contains("prod-oidc-oidc-cluster-platform-admins", "prod-oidc-oidc-cluster-staffs");
        assertThat(result.out()).contains("no violations");
    }

    @Test
    void awsDevPlansCleanly() {
        var result = Cli.run("plan", "--stack", "aws-dev");

        assertThat(result.exitCode()).as("stderr: %s", result.err()).isZero();
        assertThat(result.err()).isEmpty();
        var rows = tree(result.out());
        assertThat(rows.get(0)).isEqualTo(new Row(0, "pulumi:pulumi:Stack", "citadel-aws-dev"));
        var backstage = rows.stream().filter(r -> r.type().equals(VBS) && r.name().equals("backstage-postgres")).findFirst();
        assertThat(backstage).isPresent();
        assertThat(children(rows, backstage.get())).extracting(Row::type, Row::name).containsExactlyInAnyOrder(
                tuple(EXTERNAL_SECRET, "backstage-postgres-backstage"),
                tuple(EXTERNAL_SECRET, "backstage-postgres-platform-db"),
                tuple(PASSWORD, "backstage-postgres-password"),
                tuple(KV, "backstage-postgres"));
        // Seed 004's two app users, made by a Job in the cluster (the RDS is private) with the master password synced from
        // Secrets Manager, their connection details published back there for the apps' ExternalSecrets; the force_ssl group.
        for (var app : new String[]{"keycloak-db", "backstage-db"}) {
            var user = rows.stream().filter(r -> r.type().equals("citadel:database:RdsAppUser") && r.name().equals(app)).findFirst();
            assertThat(user).as(app).isPresent();
            assertThat(children(rows, user.get())).extracting(Row::type, Row::name).containsExactlyInAnyOrder(
                    tuple("kubernetes:batch/v1:Job", app + "-provision"),
                    tuple("kubernetes:core/v1:ConfigMap", app + "-sql"),
                    tuple("aws:secretsmanager/secret:Secret", app + "-connection"),
                    tuple("aws:secretsmanager/secretVersion:SecretVersion", app + "-connection-value"));
        }
        // The master password is synced once into the Jobs' namespace, whatever the number of users (issue 23).
        var master = rows.stream().filter(r -> r.type().equals("citadel:database:RdsMasterSecret")).toList();
        assertThat(master).extracting(Row::name).containsExactly("platform-db-master");
        assertThat(children(rows, master.get(0))).extracting(Row::type, Row::name).containsExactly(tuple(EXTERNAL_SECRET, "platform-db-master"));
        assertThat(rows).extracting(Row::type, Row::name).contains(tuple("aws:rds/parameterGroup:ParameterGroup", "platform-db-params"));
        assertThat(result.out()).contains("jdbc:postgresql://goldenpath-dev-goldenpath-platform-db.cxmcacaams2q.eu-west-2.rds.amazonaws.com:5432"
                + "/backstage_plugin_catalog?sslmode=verify-full");
        assertThat(summaryCount(result.out())).isEqualTo(rows.size());
    }

    @Test
    void outWritesEveryCustomResourceOnceAtItsContractPath(@TempDir Path dir) throws IOException {
        var json = Cli.run("plan", "--stack", "homelab", "--format", "json", "--out", dir.toString());

        assertThat(json.exitCode()).as("stderr: %s", json.err()).isZero();
        var custom = Read.strictJson(json.out()).getAsJsonArray("resources").asList().stream()
                .filter(r -> r.getAsJsonObject().get("custom").getAsBoolean()).count();
        var files = Read.files(dir);
        assertThat(files).hasSize((int) custom).contains(
                "k8s/_cluster/clustersecretstore-vault-kv.yaml",
                "k8s/dns-system/externalsecret-powerdns-api-key.yaml",
                "k8s/authentik/externalsecret-authentik-postgres.yaml",
                "resources/vault/powerdns-api-key.json",
                "resources/random/powerdns-api-key-PDNS_API_KEY.json",
                "resources/kubernetes/homelab.json",
                "resources/vault/homelab.json");
        assertThat(files).allMatch(f -> f.matches("k8s/[a-z0-9_-]+/[a-z0-9-]+-[a-z0-9.-]+\\.yaml|resources/[a-z]+/[A-Za-z0-9._-]+\\.json"));
        var provider = Read.strictJson(Files.readString(dir.resolve("resources/vault/homelab.json")));
        assertThat(provider.get("type").getAsString()).isEqualTo("pulumi:providers:vault");
        assertThat(provider.getAsJsonObject("inputs").get("address").getAsString()).isEqualTo("https://vault.homelab.lan:8200");
    }
}
