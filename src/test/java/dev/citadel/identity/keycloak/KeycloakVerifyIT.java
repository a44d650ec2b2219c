package dev.citadel.identity.keycloak;

import dev.citadel.identity.OidcContract;
import dev.citadel.testing.Captured;
import dev.citadel.verify.CheckResult;
import dev.citadel.verify.ClaimChecks;
import dev.citadel.verify.OidcVerifier;
import dev.citadel.verify.Report;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code citadel verify}'s checks against a real Keycloak 26: a realm as seed 000 wants it (public client
 * {@code kubernetes}, PKCE, a {@code groups} scope with plain group names) passes everything; the same realm
 * without the groups scope, a wrong password and a client that does not exist each fail the right check.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeycloakVerifyIT {
    static final String REALM = "citadel-test";
    static final String REALM_WITHOUT_GROUPS = "citadel-test-nogroups";
    static final String PASSWORD = "Vf-7qL2x-correct-horse";

    final KeycloakServer keycloak;

    KeycloakVerifyIT(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    @BeforeAll
    void realms() throws IOException {
        var admin = keycloak.admin();
        admin.deleteRealm(REALM);
        admin.deleteRealm(REALM_WITHOUT_GROUPS);
        admin.importRealm(resource("/keycloak/verify-realm.json"));
        admin.importRealm(resource("/keycloak/verify-realm-without-groups.json"));
        for (var realm : List.of(REALM, REALM_WITHOUT_GROUPS)) {
            admin.createUser(realm, "ada", "ada@example.test", PASSWORD, List.of("admin"));
            admin.createUser(realm, "dev", "dev@example.test", PASSWORD, List.of("developer"));
        }
        System.out.println("Keycloak " + KeycloakServer.VERSION + " on Java " + keycloak.jdk().feature()
                + " started in " + keycloak.startupTime().toMillis() + " ms");
    }

    @AfterAll
    void dropRealms() {
        var admin = keycloak.admin();
        admin.deleteRealm(REALM);
        admin.deleteRealm(REALM_WITHOUT_GROUPS);
    }

    static String resource(String name) throws IOException {
        try (var in = KeycloakVerifyIT.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    OidcContract contract(String realm, List<String> clientIds) {
        var bindings = new LinkedHashMap<String, String>();
        bindings.put("oidc:admin", "cluster-admin");
        bindings.put("oidc:developer", "edit");
        bindings.put("oidc:viewer", "view");
        return new OidcContract(keycloak.issuer(realm), realm, "kubernetes",
                List.of("http://localhost:8000/*", "http://localhost:18000/*"), List.of("profile", "email", "groups"),
                "email", "oidc:", "groups", "oidc:", List.of("RS256"), bindings, clientIds);
    }

    /** The verifier's lines, as {@code citadel verify} prints them, and everything else the run wrote. */
    record Run(Report report, List<String> lines, String everything) {
        CheckResult result(String check) {
            return report.result(check).orElseThrow(() -> new AssertionError("no check '" + check + "' in " + lines));
        }
    }

    Run verify(OidcContract contract, String user, String password, List<String> expectGroups) throws Exception {
        var lines = new ArrayList<String>();
        var options = user == null ? OidcVerifier.Options.withoutLogin(keycloak.sslContext())
                : OidcVerifier.Options.login(user, password, expectGroups, keycloak.sslContext());
        var captured = Captured.capture(() -> new OidcVerifier(contract, options).run(r -> lines.add(r.line())));
        // What a person can see: the lines, stdout, stderr and log records at INFO and above (the JDK's own
        // HttpClient traces at FINE, off unless someone turns them on, are not Citadel's output).
        var logged = captured.logRecords().stream()
                .filter(r -> !r.matches("(?s)\\S+ (FINE|FINER|FINEST|CONFIG): .*")).toList();
        return new Run(captured.value(), lines, String.join("\n", lines) + "\n" + captured.stdout() + "\n"
                + captured.stderr() + "\n" + String.join("\n", logged));
    }

    @Test
    void aRealmThatKeepsTheContractPassesEveryCheck() throws Exception {
        var run = verify(contract(REALM, List.of("kubernetes")), "ada@example.test", PASSWORD, List.of("admin"));

        assertThat(run.report().passed()).as(String.join("\n", run.lines())).isTrue();
        assertThat(run.lines()).allSatisfy(l -> assertThat(l).startsWith("PASS "));
        assertThat(run.result(OidcVerifier.DISCOVERY).detail()).contains(keycloak.issuer(REALM));
        assertThat(run.result("client kubernetes").detail()).contains("accepts redirect http://localhost:8000");
        assertThat(run.result(ClaimChecks.USERNAME).detail()).contains("'oidc:ada@example.test'");
        assertThat(run.result(ClaimChecks.GROUPS).detail()).isEqualTo("groups [admin]");
        assertThat(run.result(ClaimChecks.BINDINGS).detail()).contains("oidc:admin -> ClusterRole cluster-admin");
        assertThat(run.report().results()).extracting(CheckResult::check).contains(ClaimChecks.SIGNATURE,
                ClaimChecks.ISSUER, ClaimChecks.AUDIENCE, ClaimChecks.EXPECTED_GROUPS, OidcVerifier.JWKS, OidcVerifier.SIGNING_ALGS);
    }

    @Test
    void neverShowsThePasswordOrAToken() throws Exception {
        var run = verify(contract(REALM, List.of("kubernetes")), "dev", PASSWORD, List.of("developer"));

        assertThat(run.report().passed()).as(String.join("\n", run.lines())).isTrue();
        assertThat(run.result(ClaimChecks.BINDINGS).detail()).contains("oidc:developer -> ClusterRole edit");
        // Every JWS/JWE starts with base64url('{"') = "eyJ"; the code and PKCE verifier are never printed either.
        assertThat(run.everything()).doesNotContain(PASSWORD).doesNotContain("eyJ").doesNotContainPattern("code=[A-Za-z0-9]");
    }

    @Test
    void aRealmWithoutTheGroupsScopeFailsTheGroupsCheck() throws Exception {
        var contract = contract(REALM_WITHOUT_GROUPS, List.of("kubernetes"));
        // kubelogin asking for a scope the realm lacks: Keycloak refuses to start the login at all.
        var asking = verify(contract, "ada@example.test", PASSWORD, List.of("admin"));
        assertThat(asking.result("client kubernetes").line()).startsWith("FAIL ").contains("Invalid scopes", "lacks a scope");

        // kubelogin not asking for it: the login works, the token has no groups, so RBAC answers Forbidden.
        var withoutGroupsScope = new OidcContract(contract.issuerUrl(), REALM_WITHOUT_GROUPS, "kubernetes",
                contract.redirectUris(), List.of("profile", "email"), "email", "oidc:", "groups", "oidc:", List.of("RS256"),
                contract.bindings(), contract.clientIds());
        var run = verify(withoutGroupsScope, "ada@example.test", PASSWORD, List.of("admin"));

        assertThat(run.report().passed()).isFalse();
        assertThat(run.result(OidcVerifier.LOGIN).status()).isEqualTo(CheckResult.Status.PASS);
        var groups = run.result(ClaimChecks.GROUPS);
        assertThat(groups.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(groups.line()).contains("no 'groups' claim", "Forbidden", "group-membership mapper");
        assertThat(run.result(ClaimChecks.BINDINGS).status()).isEqualTo(CheckResult.Status.SKIP);
    }

    @Test
    void aWrongPasswordFailsTheLogin() throws Exception {
        var wrong = "not-" + PASSWORD;
        var run = verify(contract(REALM, List.of("kubernetes")), "ada@example.test", wrong, List.of());

        var login = run.result(OidcVerifier.LOGIN);
        assertThat(login.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(login.detail()).contains("rejected the login of ada@example.test", "Invalid username or password");
        assertThat(run.report().results()).extracting(CheckResult::check).doesNotContain(ClaimChecks.GROUPS);
        assertThat(run.everything()).doesNotContain(wrong);
    }

    @Test
    void aClientTheRealmLacksFails() throws Exception {
        var run = verify(contract(REALM, List.of("kubernetes", "grafana")), null, null, List.of());

        assertThat(keycloak.admin().clientExists(REALM, "kubernetes")).isTrue();
        assertThat(keycloak.admin().clientExists(REALM, "grafana")).isFalse();
        assertThat(run.result("client kubernetes").status()).isEqualTo(CheckResult.Status.PASS);
        var grafana = run.result("client grafana");
        assertThat(grafana.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(grafana.detail()).contains("Client not found", "create the client 'grafana'");
        assertThat(run.result(OidcVerifier.LOGIN).status()).isEqualTo(CheckResult.Status.SKIP);
    }

    @Test
    void aRedirectTheClientDoesNotAllowFailsTheClientCheck() throws Exception {
        var contract = contract(REALM, List.of("kubernetes"));
        var elsewhere = new OidcContract(contract.issuerUrl(), REALM, "kubernetes", List.of("http://localhost:9999/*"),
                contract.scopes(), "email", "oidc:", "groups", "oidc:", List.of("RS256"), contract.bindings(), contract.clientIds());
        var run = verify(elsewhere, "ada@example.test", PASSWORD, List.of());

        var client = run.result("client kubernetes");
        assertThat(client.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(client.detail()).contains("rejects kubelogin's redirect http://localhost:9999", "redirect_uri");
        assertThat(run.result(OidcVerifier.LOGIN).status()).isEqualTo(CheckResult.Status.SKIP);
    }

    @Test
    void aWrongIssuerFailsDiscoveryAndSkipsTheRest() throws Exception {
        var contract = contract("no-such-realm", List.of("kubernetes"));
        var run = verify(contract, "ada@example.test", PASSWORD, List.of());

        assertThat(run.result(OidcVerifier.DISCOVERY).line()).startsWith("FAIL discovery:").contains("HTTP 404");
        assertThat(run.report().results().subList(1, run.report().results().size())).allSatisfy(r -> assertThat(r.status()).isEqualTo(CheckResult.Status.SKIP));
    }

    @Test
    void anUnreachableIdpIsAFailLine() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var contract = contract(REALM, List.of("kubernetes"));
        var unreachable = new OidcContract("https://localhost:" + closedPort + "/realms/" + REALM, REALM, "kubernetes",
                contract.redirectUris(), contract.scopes(), "email", "oidc:", "groups", "oidc:", List.of("RS256"),
                Map.of("oidc:admin", "cluster-admin"), contract.clientIds());
        var run = verify(unreachable, null, null, List.of());

        assertThat(run.lines().get(0)).startsWith("FAIL discovery: cannot reach").contains("connection refused");
        assertThat(run.everything()).doesNotContain("\tat ", "Exception");
    }
}
