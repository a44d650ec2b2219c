package dev.citadel.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code citadel plan --baseline}: a pull request that took keycloak-postgres from 2 instances to 1, its backups
 * from 30 to 7 days and its schedule from 03:00 to 04:30 left the Markdown comment byte-identical ("+143 to
 * create"); reviewers saw the change only by diffing {@code --out} trees (issue 20). The diff names each resource
 * and each input that changes, in the three formats.
 */
class PlanBaselineTest {
    @TempDir
    static Path shared;
    private static Path baseJson;

    /** The base branch's plan, as the workflow writes it. */
    @BeforeAll
    static void planTheBase() throws IOException {
        var base = Cli.run("plan", "--stack", "homelab", "--format", "json");
        assertThat(base.exitCode()).as("stderr: %s", base.err()).isZero();
        baseJson = Files.writeString(shared.resolve("base.json"), base.out());
    }

    /** The homelab stack as a pull request changed it, in a project directory of its own. */
    static Path homelab(Path dir, UnaryOperator<String> edit) throws IOException {
        Files.createDirectories(dir.resolve("stacks"));
        Files.copy(Path.of("Pulumi.yaml"), dir.resolve("Pulumi.yaml"));
        var stack = Files.readString(Path.of("stacks", "Pulumi.homelab.yaml"));
        var edited = edit.apply(stack);
        assertThat(edited).as("the edit applied").isNotEqualTo(stack);
        Files.writeString(dir.resolve("stacks/Pulumi.homelab.yaml"), edited);
        return dir;
    }

    static String smallerCluster(String stack) {
        return replaceOnce(stack, """
                      instances: 2
                      storage: 10Gi
                      bootstrap: {database: keycloak, owner: keycloak}
                """, """
                      instances: 1
                      storage: 10Gi
                      bootstrap: {database: keycloak, owner: keycloak}
                """).replace("""
                        bucket: keycloak-backups
                        credentials: {secretName: rustfs-backup}
                """, """
                        bucket: keycloak-backups
                        credentials: {secretName: rustfs-backup}
                        retention: 7d
                        schedule: "0 30 4 * * *"
                """);
    }

    static String replaceOnce(String text, String from, String to) {
        assertThat(text).contains(from);
        return text.replace(from, to);
    }

    private static Cli.Result diff(Path project, Path baseline, String format) {
        var result = Cli.run("plan", "--stack", "homelab", "--project-dir", project.toString(), "--baseline", baseline.toString(), "--format", format);
        assertThat(result.exitCode()).as("stderr: %s", result.err()).isZero();
        return result;
    }

    @Test
    void theClustersInstancesRetentionAndScheduleShowByNameAndFieldInTextJsonAndMarkdown(@TempDir Path dir) throws IOException {
        var head = homelab(dir, PlanBaselineTest::smallerCluster);

        var text = diff(head, baseJson, "text").out();
        assertThat(text).contains("Changes against " + baseJson + " (matched by URN):",
                "    CnpgCluster keycloak-postgres\n",
                "     ~   kubernetes:postgresql.cnpg.io/v1:Cluster  keycloak-postgres-cluster\n             spec.instances: 2 → 1\n",
                "keycloak-postgres-objectstore\n             spec.retentionPolicy: \"30d\" → \"7d\"\n",
                "keycloak-postgres-scheduled-backup\n             spec.schedule: \"0 0 3 * * *\" → \"0 30 4 * * *\"\n");
        // One instance has no replica to lag: its alert goes, and the diff says which.
        assertThat(text).contains("keycloak-postgres-alerts\n             spec.groups[0].rules[3]: {\"alert\":\"CnpgReplicationLagHigh\"");
        assertThat(text).contains("    4 to update · 125 unchanged\n");

        var json = JsonParser.parseString(diff(head, baseJson, "json").out()).getAsJsonObject();
        var changes = json.getAsJsonObject("diff").getAsJsonArray("changes");
        assertThat(field(changes, "keycloak-postgres-cluster", "spec.instances")).isEqualTo("{\"path\":\"spec.instances\",\"before\":2,\"after\":1}");
        assertThat(field(changes, "keycloak-postgres-objectstore", "spec.retentionPolicy")).contains("\"before\":\"30d\",\"after\":\"7d\"");
        assertThat(field(changes, "keycloak-postgres-scheduled-backup", "spec.schedule")).contains("\"before\":\"0 0 3 * * *\",\"after\":\"0 30 4 * * *\"");
        assertThat(change(changes, "keycloak-postgres-cluster").get("component").getAsString()).isEqualTo("CnpgCluster keycloak-postgres");
        assertThat(json.getAsJsonObject("diff").getAsJsonObject("summary").toString())
                .isEqualTo("{\"replace\":0,\"delete\":0,\"create\":0,\"update\":4,\"rename\":0,\"unchanged\":125}");
        assertThat(json.getAsJsonArray("resources")).as("the plan itself, still a baseline for the next diff").hasSize(129);

        var markdown = diff(head, baseJson, "markdown").out();
        assertThat(markdown).startsWith("### Citadel plan: `homelab` — ✅ clean\n\n")
                .contains("#### Changes against <code>" + baseJson + "</code>: **4** to update · 125 unchanged\n",
                        "**CnpgCluster keycloak-postgres**\n",
                        "| ~ update | <code>keycloak-postgres-cluster</code> | <code>kubernetes:postgresql.cnpg.io/v1:Cluster</code> | <code>spec.instances</code>: <code>2</code> → <code>1</code> |",
                        "| ~ update | <code>keycloak-postgres-objectstore</code> | <code>kubernetes:barmancloud.cnpg.io/v1:ObjectStore</code> | <code>spec.retentionPolicy</code>: <code>\"30d\"</code> → <code>\"7d\"</code> |",
                        "<code>spec.schedule</code>: <code>\"0 0 3 * * *\"</code> → <code>\"0 30 4 * * *\"</code>",
                        "<details><summary>125 unchanged</summary>");
        // The changes come before the plan's own tables: they are what a reviewer reads first.
        assertThat(markdown.indexOf("#### Changes against")).isLessThan(markdown.indexOf("Resources by type"));
    }

    @Test
    void aRenameWithoutAnAliasIsADeleteAndACreateOfEverythingBelowIt(@TempDir Path dir) throws IOException {
        var head = homelab(dir, s -> replaceOnce(replaceOnce(s, "    - name: obot-postgres\n", "    - name: obot-pg\n"),
                "{name: obot, secret: obot-postgres}", "{name: obot, secret: obot-pg}"));

        var text = diff(head, baseJson, "text").out();
        assertThat(text).contains("    stack\n     -   citadel:secrets:VaultBackedSecret  obot-postgres\n     +   citadel:secrets:VaultBackedSecret  obot-pg\n",
                "    VaultBackedSecret obot-postgres\n", "     -   random:index/randomPassword:RandomPassword  obot-postgres-password\n",
                "    VaultBackedSecret obot-pg\n", "     +   random:index/randomPassword:RandomPassword  obot-pg-password\n",
                "spec.managed.roles[0].passwordSecret.name: \"obot-postgres\" → \"obot-pg\"",
                "    4 to delete · 4 to create · 1 to update · 124 unchanged\n");
        var changes = JsonParser.parseString(diff(head, baseJson, "json").out()).getAsJsonObject().getAsJsonObject("diff").getAsJsonArray("changes");
        assertThat(change(changes, "obot-postgres-password").get("change").getAsString()).isEqualTo("delete");
        assertThat(change(changes, "obot-pg-password").get("change").getAsString()).isEqualTo("create");
        assertThat(diff(head, baseJson, "markdown").out()).contains(
                "| - delete | <code>obot-postgres-password</code> | <code>random:index/randomPassword:RandomPassword</code> |",
                "| + create | <code>obot-pg-password</code> | <code>random:index/randomPassword:RandomPassword</code> |");
    }

    /**
     * OidcRbac's bindings were renamed with an alias to their old URNs: against a base from before the rename,
     * {@code pulumi up} updates them in place, and the diff must not claim a delete and a create.
     */
    @Test
    void aRenameAnAliasLinksIsTheSameResourceNotADeleteAndCreate(@TempDir Path dir) throws IOException {
        var plan = JsonParser.parseString(Files.readString(baseJson)).getAsJsonObject();
        var renamed = 0;
        for (var element : plan.getAsJsonArray("resources")) {
            var r = element.getAsJsonObject();
            if (r.get("name").getAsString().equals("homelab-oidc-oidc-cluster-admins")) {
                r.addProperty("urn", r.getAsJsonArray("aliases").get(0).getAsString());
                r.addProperty("name", "oidc-cluster-admins");
                r.remove("aliases");
                renamed++;
            }
        }
        assertThat(renamed).isOne();
        var before = Files.writeString(dir.resolve("before-the-rename.json"), plan.toString());

        var text = diff(Path.of("."), before, "text").out();
        assertThat(text).contains("    OidcRbac homelab-oidc\n     ~   kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding  homelab-oidc-oidc-cluster-admins"
                        + "  (renamed from oidc-cluster-admins, linked by an alias)\n",
                "    1 to rename · 128 unchanged\n");
        assertThat(diff(Path.of("."), before, "markdown").out())
                .contains("| ~ rename | <code>homelab-oidc-oidc-cluster-admins</code> |", "renamed from <code>oidc-cluster-admins</code> (an alias: the same resource)")
                .doesNotContain("delete", "create |");
    }

    /** A new rotation marker regenerates the password: the random provider replaces on any keeper. */
    @Test
    void aRotatedSecretsPasswordIsAReplacementByItsKeeper(@TempDir Path dir) throws IOException {
        var head = homelab(dir, s -> replaceOnce(s, """
                        - key: password
                          length: 32
                      rotation: 1
                """, """
                        - key: password
                          length: 32
                      rotation: 2
                """));

        var text = diff(head, baseJson, "text").out();
        assertThat(text).contains("     +-  random:index/randomPassword:RandomPassword  authentik-postgres-password  (replaced: keepers.rotation changes)\n"
                + "             keepers.rotation: \"1\" → \"2\"\n");
        assertThat(diff(head, baseJson, "markdown").out()).contains("| +- replace | <code>authentik-postgres-password</code>",
                "**replaced**: <code>keepers.rotation</code> changes");
    }

    @Test
    void anOutTreeIsMatchedByFileAndSaysWhatThatCannotSee(@TempDir Path dir, @TempDir Path tree) throws IOException {
        assertThat(Cli.run("plan", "--stack", "homelab", "--out", tree.toString()).exitCode()).isZero();
        var head = homelab(dir, PlanBaselineTest::smallerCluster);

        var text = diff(head, tree, "text").out();
        assertThat(text).contains("(matched by file):",
                "    CnpgCluster keycloak-postgres\n",
                "     ~   kubernetes:postgresql.cnpg.io/v1:Cluster  keycloak-postgres-cluster\n             spec.instances: 2 → 1\n",
                "spec.retentionPolicy: \"30d\" → \"7d\"", "spec.schedule: \"0 0 3 * * *\" → \"0 30 4 * * *\"",
                "note: the baseline is an --out tree, matched by file");
    }

    @Test
    void theSameInputsGiveTheSameBytesWhateverTheTimeZoneOrLocale(@TempDir Path dir) throws IOException {
        var head = homelab(dir, PlanBaselineTest::smallerCluster);
        var locale = Locale.getDefault();
        var zone = TimeZone.getDefault();
        var runs = new ArrayList<List<String>>();
        try {
            for (var where : List.of(List.of("en-US", "UTC"), List.of("tr-TR", "America/St_Johns"))) {
                Locale.setDefault(Locale.forLanguageTag(where.get(0)));
                TimeZone.setDefault(TimeZone.getTimeZone(where.get(1)));
                runs.add(List.of(diff(head, baseJson, "text").out(), diff(head, baseJson, "json").out(), diff(head, baseJson, "markdown").out()));
            }
        } finally {
            Locale.setDefault(locale);
            TimeZone.setDefault(zone);
        }
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
    }

    @Test
    void withoutABaselineThePlanIsWhatItWasAndAgainstItselfNothingChanges() {
        var plain = Cli.run("plan", "--stack", "homelab", "--format", "markdown").out();
        var against = Cli.run("plan", "--stack", "homelab", "--format", "markdown", "--baseline", baseJson.toString()).out();

        assertThat(plain).doesNotContain("Changes against");
        assertThat(against).contains("#### Changes against <code>" + baseJson + "</code>: no changes · 129 unchanged\n")
                .doesNotContain("| ~ ", "| + ", "| - ");
        // The comment is the plan's comment with the changes added, nothing of it lost.
        assertThat(against.replaceAll("(?s)#### Changes against.*?</details>\n\n(> \\*\\*Note:\\*\\* secret values[^\n]*\n\n)?", ""))
                .isEqualTo(plain);
    }

    private static JsonObject change(JsonArray changes, String name) {
        for (var c : changes) {
            if (c.getAsJsonObject().get("name").getAsString().equals(name)) {
                return c.getAsJsonObject();
            }
        }
        throw new AssertionError("no change of " + name + " in " + changes);
    }

    private static String field(JsonArray changes, String name, String path) {
        for (var f : change(changes, name).getAsJsonArray("fields")) {
            if (f.getAsJsonObject().get("path").getAsString().equals(path)) {
                return f.toString();
            }
        }
        throw new AssertionError("no field " + path + " of " + name);
    }
}
