package dev.citadel.cli;

import dev.citadel.testing.Read;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * A user's mistake gets exit code 2 and one line on stderr that names the setting, the bad value and the
 * fix; never a stack trace, never a half-printed plan. Each stack of the {@code mistakes} test project is
 * its {@code baseline} stack with one mistake.
 */
class PlanErrorsTest {
    private static final Path MISTAKES = Read.testProject("mistakes");

    private static Cli.Result plan(String stack) {
        return Cli.run("plan", "--stack", stack, "--project-dir", MISTAKES.toString());
    }

    @Test
    void theBaselineOfTheMistakesPlansCleanly() {
        var result = plan("baseline");

        assertThat(result.exitCode()).as("stderr: %s", result.err()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).contains("app-token");
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                arguments("malformed-yaml", new String[]{"Pulumi.malformed-yaml.yaml", "not valid YAML", "line 6"}),
                arguments("duplicate-key", new String[]{"Pulumi.duplicate-key.yaml", "duplicate key citadel:vault", "line 13"}),
                arguments("key-without-namespace", new String[]{"'secrets'", "namespace:key", "'citadel:secrets'"}),
                arguments("secrets-not-a-list", new String[]{"citadel:secrets", "should be a list", "'- item'", "is a map"}),
                arguments("unknown-setting", new String[]{"citadel:secret ", "not a Citadel setting", "did you mean citadel:secrets?"}),
                arguments("namespace-typo", new String[]{"citadle:secrets", "looks like a typo", "write citadel:secrets"}),
                arguments("setting-typo", new String[]{"citadel:secrets[0].refreshIntervall", "not a known setting", "refreshInterval,"}),
                arguments("bad-namespace", new String[]{"citadel:secrets[0]", "syncTo namespace", "'App_Team'", "use e.g. 'app-team'"}),
                arguments("bad-vault-path", new String[]{"citadel:secrets[0]", "path", "'data/app/token'", "e.g. 'app/token'"}),
                arguments("vault-address-not-http", new String[]{"citadel:vault.address", "'vault.fixture.lan:8200'", "http(s) URL", "e.g. 'https://"}),
                arguments("vault-server-not-http", new String[]{"citadel:vault.server", "'vault.vault.svc.cluster.local:8200'", "http(s) URL", "e.g. '"}),
                arguments("nested-secure", new String[]{"citadel:secrets[0].values.apiToken", "secure value inside structured config", "secretValues"}),
                arguments("missing-secret-reference", new String[]{"citadel:secrets[0].secretValues.apiToken", "'citadel:appTokn'",
                        "pulumi config set --secret citadel:appTokn"}),
                arguments("identity-http-keycloak", new String[]{"citadel:identity.realm", "keycloakUrl", "'http://sso.fixture.lan'", "https"}),
                arguments("identity-unknown-group", new String[]{"citadel:identity.rbac.bindings.admins:",
                        "no group 'admins'", "[admin, developer, user]"}),
                arguments("identity-catch-all-admin", new String[]{"citadel:identity.rbac.bindings.user:", "catch-all",
                        "give 'user' view"}),
                arguments("identity-issuer-default-group-admin", new String[]{"citadel:identity.rbac.bindings.staff:",
                        "catch-all", "every new user joins it"}),
                arguments("identity-bad-target", new String[]{"citadel:identity.rbac.apiServer", "'openshift'", "talos, kubeadm"}),
                arguments("identity-setting-typo", new String[]{"citadel:identity.rbac.bindngs", "not a known setting", "bindings"}),
                arguments("identity-headlamp-client", new String[]{"citadel:identity.headlamp.clientId: 'headlamp' would be a second "
                        + "audience of the API server, but its talos target passes one client id", "401 Unauthorized",
                        "set citadel:identity.rbac.apiServer to authentication-configuration"}),
                arguments("identity-headlamp-client-issuer", new String[]{"citadel:identity.headlamp.clientId: 'headlamp' is not the "
                        + "API server's own client", "manages no realm here", "remove clientId"}),
                arguments("identity-headlamp-callback", new String[]{"citadel:identity.headlamp.url: Headlamp's callback "
                        + "https://dashboard.fixture.lan/oidc-callback", "add it to that client's redirectUris"}),
                arguments("gateway-cookie-domain", new String[]{"citadel:gateway.oidc[0].cookieDomain 'example.org'", "grafana.fixture.lan",
                        "'fixture.lan'"}),
                arguments("gateway-secret-key", new String[]{"citadel:gateway.oidc[0].secret", "'app-token' has no key 'client-secret'"}),
                // Each gateway entry is reported at its path; a fix is in keys (claimToHeaders: {...}), never a Java call.
                arguments("gateway-bad-header", new String[]{"citadel:gateway.jwt[0].claimToHeaders: claim 'email' to header 'x user email'",
                        "e.g. claimToHeaders: {email: x-user-email}"}),
                arguments("gateway-hostname", new String[]{"citadel:gateway.oidc[0].hostname 'https://grafana.fixture.lan'", "no scheme"}),
                // The builder's fixes that name Java calls (a realm client defined otherwise, a secret under another key or
                // in another namespace) cannot be reached from stack config: these are refused before, in keys.
                arguments("gateway-client-twice", new String[]{"citadel:gateway.oidc[0].clientId: 'grafana' (the default: the "
                        + "route's name) is a client of the realm itself", "give the app a clientId of its own"}),
                arguments("gateway-shared-secrets", new String[]{"citadel:gateway.oidc[1].secret: 'hubble-oidc' differs from "
                        + "'grafana-oidc' of oidc app 'grafana', which logs in as the same client 'sso'", "Invalid client credentials",
                        "give both secret: grafana-oidc"}),
                arguments("gateway-secret-elsewhere", new String[]{"citadel:gateway.oidc[0].secret: namespace 'app'", "add 'app' to its syncTo"}),
                arguments("gateway-no-service", new String[]{"citadel:gateway.oidc[0].service is missing", "external: true"}),
                arguments("gateway-in-cluster-http", new String[]{"citadel:gateway.inClusterKeycloak.port 8080", "plain-http port",
                        "use its https port 8443"}),
                arguments("gateway-in-cluster-hostname", new String[]{"citadel:gateway.inClusterKeycloak.hostname 'keycloak.identity.svc'",
                        "keycloak-service.identity.svc", "sso.fixture.lan"}),
                arguments("gateway-in-cluster-no-ca", new String[]{"citadel:gateway.inClusterKeycloak: give one of caConfigMap or caSecret",
                        "ca.crt", "'identity'"}),
                arguments("identity-clientid-with-issuer", new String[]{"citadel:identity.rbac.clientId", "issuer.clientId"}),
                arguments("identity-adopt-unknown-group", new String[]{"citadel:identity.realm.adopt.groups", "'ghost'",
                        "not a group the realm declares", "[admin, developer, user]"}),
                arguments("identity-adopt-import-target", new String[]{"citadel:identity.realm.adopt", "only target: managed", "drop adopt"}),
                arguments("identity-managed-without-admin", new String[]{"citadel:identity.keycloak.admin is missing", "clientId: citadel-admin"}),
                arguments("identity-admin-without-managed", new String[]{"citadel:identity.keycloak.admin", "would be ignored",
                        "realm.target: managed"}),
                arguments("identity-bad-realm-target", new String[]{"citadel:identity.realm.target", "'operator'", "managed or import"}),
                arguments("identity-unknown-secret", new String[]{"citadel:identity.realm.google.secret", "'google-oauth'", "[app-token]"}),
                arguments("database-retention", new String[]{"citadel:databases[0].backup.retention", "'30days'", "^[1-9][0-9]*[dwm]$", "30d"}),
                arguments("database-cron", new String[]{"citadel:databases[0].backup.schedule", "'0 3 * * *'", "6-field", "0 0 3 * * *"}),
                arguments("database-instances", new String[]{"citadel:databases[0].instances: 0", "use 1"}),
                arguments("database-storage", new String[]{"citadel:databases[0].storage", "'10GB'", "10Gi"}),
                arguments("database-unknown-role-secret", new String[]{"citadel:databases[0].roles[0].secret", "'app-pg'", "app-postgres"}),
                arguments("database-pooler-mode", new String[]{"citadel:databases[0].pooler.mode", "'statement'", "[session, transaction]"}),
                arguments("rds-bad-user", new String[]{"citadel:rds.users[0].user", "'keycloak app'",
                        "not a plain PostgreSQL name", "e.g. keycloak_app"}),
                arguments("rds-unknown-secret", new String[]{"citadel:rds.users[0].password.secret", "'keycloak-postgres'", "[app-token]"}),
                arguments("rds-provider-without-value", new String[]{"citadel:rds.endpoint.masterPassword:",
                        "app/rds-master[password]", "no value the postgresql provider can use", "provisioner: {kind: job, namespace: app}"}),
                arguments("rds-aws-master-provider", new String[]{"citadel:rds.endpoint.masterPassword.awsSecretsManager:", "fixture/rds/master",
                        "read only by the Job path", "provisioner: {kind: job, namespace: <app namespace>}"}),
                arguments("rds-job-without-ca", new String[]{"citadel:rds.endpoint.caBundle: not set", "verify-full",
                        "kubectl -n app create configmap rds-ca --from-file=global-bundle.pem", "caBundle: {configMap: rds-ca, key: global-bundle.pem}"}),
                arguments("rds-publish-both", new String[]{"citadel:rds.users[0].publish", "exactly one of", "vault: {path, syncTo}"}),
                arguments("rds-publish-bad-name", new String[]{"citadel:rds.users[0].publish.awsSecretsManager", "'fixture keycloak'",
                        "goldenpath/dev/backstage/postgres"}),
                arguments("manifest-spec-is-text", new String[]{"citadel:manifests[0].spec", "should be a map", "'replicas=2'"}),
                arguments("manifest-without-name", new String[]{"citadel:manifests[0].metadata.name", "missing", "name: app-config"}),
                arguments("duplicate-secret-name", new String[]{"citadel:secrets[1].name", "'app-token'", "citadel:secrets[0].name", "own name"}),
                arguments("secret-without-syncto", new String[]{"citadel:secrets[0].syncTo is missing", "[{namespace: app}]"}),
                arguments("secret-without-keys", new String[]{"citadel:secrets[0]: no keys", "generate: [{key: password}]"}),
                arguments("identity-no-bindings", new String[]{"citadel:identity.rbac.bindings is missing", "Forbidden"}),
                arguments("duplicate-database", new String[]{"citadel:databases[1].name", "'app-db'", "citadel:databases[0].name", "own name"}),
                arguments("duplicate-rds-user", new String[]{"citadel:rds.users[1].name", "'keycloak-db'", "citadel:rds.users[0].name", "own name"}),
                arguments("duplicate-manifest", new String[]{"citadel:manifests[1]", "duplicates citadel:manifests[0]", "rename one"}),
                arguments("duplicate-release", new String[]{"citadel:helmReleases[1].name", "duplicates citadel:helmReleases[0].name"}),
                arguments("policy-guard-maybe", new String[]{"citadel:policyGuard", "'maybe'", "not true or false"}),
                arguments("policy-parameter-typo", new String[]{"citadel:policies.crd-installed-before-use.preinstalledCrd",
                        "not a parameter", "preinstalledCrds"}));
    }

    /**
     * These threw inside the SDK's resource constructor; the SDK's logger then waited forever for a URN the
     * resource never got, and a PR job stalled until its global timeout. The bound is generous for a loaded
     * CI box; the hang was forever.
     */
    static Stream<Arguments> hangs() {
        return Stream.of(
                arguments("empty-secret-name", new String[]{"citadel:secrets[0].name", "is empty", "e.g. 'app-token'"}),
                arguments("blank-secret-name", new String[]{"citadel:secrets[0].name", "is empty"}),
                arguments("empty-vault-store", new String[]{"citadel:vault.store", "is empty"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hangs")
    void aNameTheSdkWouldRejectEndsThePlanInOneLineInsteadOfHanging(String stack, String[] mentions) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> plan(stack)).isOneLineUserError(mentions);
    }

    @Test
    void anExceptionInAComponentConstructorEndsThePlanInsteadOfHanging() {
        // Past every check of the stack program: a component handed a name the SDK itself rejects.
        var result = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            var runner = new dev.citadel.plan.PlanRunner("citadel", "hang", java.util.Map.of(), java.util.Set.of());
            try {
                runner.run(ctx -> new dev.citadel.secrets.VaultSecretStore("", dev.citadel.secrets.VaultSecretStoreArgs.builder()
                        .vaultServer("http://vault.vault.svc.cluster.local:8200").kvMount("secret").build()));
                return "planned";
            } catch (dev.citadel.plan.PlanRunner.ProgramFailure e) {
                return PlanCommand.describe(e);
            }
        });
        assertThat(result).startsWith("the stack program failed: ").contains("resource name").doesNotContain("Exception");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void aMistakeInStackConfigIsOneLineNamingItAndTheFix(String stack, String[] mentions) {
        plan(stack).isOneLineUserError(mentions);
    }

    @Test
    void anUnknownStackListsTheStacksThereAre() {
        Cli.run("plan", "--stack", "prod").isOneLineUserError("no stack 'prod'", "stacks/Pulumi.prod.yaml", "the stacks are: aws-dev, homelab");
    }

    @Test
    void anUnknownStackInAnotherProjectListsThatProjectsStacks() {
        plan("prod").isOneLineUserError("no stack 'prod'", "baseline", "setting-typo");
    }

    @Test
    void aStackNameThatIsAPathIsRejected() {
        Cli.run("plan", "--stack", "../homelab").isOneLineUserError("--stack", "'../homelab'", "e.g. homelab");
    }

    @Test
    void aMissingStackOptionIsAUsageErrorInOneLine() {
        Cli.run("plan").isOneLineUserError("--stack", "citadel plan --help");
    }

    @Test
    void anUnknownFormatNamesTheFormatsThereAre() {
        Cli.run("plan", "--stack", "homelab", "--format", "yaml").isOneLineUserError("--format", "yaml", "text, json");
    }

    @Test
    void anUnknownOptionSuggestsTheRightOne() {
        Cli.run("plan", "--stack", "homelab", "--formt=json").isOneLineUserError("--formt=json", "did you mean --format?");
    }

    @Test
    void aProjectDirWithoutPulumiYamlSaysWhereItLookedAndWhatToPass(@TempDir Path empty) throws IOException {
        Files.createDirectories(empty.resolve("stacks"));

        Cli.run("plan", "--stack", "homelab", "--project-dir", empty.toString())
                .isOneLineUserError("no Pulumi.yaml in " + empty.toAbsolutePath().normalize(), "--project-dir");
    }

    @Test
    void anOutDirThatIsAFileIsOneLine(@TempDir Path dir) throws IOException {
        var file = Files.writeString(dir.resolve("taken"), "not a directory");

        Cli.run("plan", "--stack", "homelab", "--out", file.toString()).isOneLineUserError("cannot write " + file);
    }
}
