package dev.citadel.cli;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.citadel.identity.keycloak.KeycloakExtension;
import dev.citadel.identity.keycloak.KeycloakServer;
import dev.citadel.value.Redacted;
import dev.citadel.verify.CheckResult;
import dev.citadel.verify.GatewayVerifier;
import dev.citadel.verify.OidcVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code citadel verify --gateway} against the real Keycloak 26: a stack with a realm and a JWT-protected API, its realm
 * imported as planned, passes every check (the JWKS URI the policy names serves the keys that verify alice's token,
 * which has the policy's issuer, audience and every forwarded claim). The twins fail where Envoy would: the realm's API
 * client without the roles scope (realm_access.roles never issued), and a policy whose JWKS URI is another realm's.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayVerifyIT {
    static final String REALM = "citadel-gwverify";
    static final String NO_ROLES = "citadel-gwverify-noroles";
    static final String PASSWORD = "Gv-5mR2-kettle-orbit";

    final KeycloakServer keycloak;
    @org.junit.jupiter.api.io.TempDir
    static Path project;

    GatewayVerifyIT(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    private void writeStack(String stack, String realm) throws IOException {
        Files.writeString(project.resolve("stacks/Pulumi." + stack + ".yaml"), """
                config:
                  citadel:kubernetes:
                    context: admin@kc
                  citadel:vault:
                    address: https://vault.kc.lan:8200
                  citadel:identity:
                    keycloak:
                      url: %s
                      namespace: identity
                    realm:
                      name: %s
                      groups: [admin, viewer]
                      clients:
                        - kubernetesCli: kubernetes
                  citadel:gateway:
                    gateway: {namespace: network, name: envoy-internal}
                    jwt:
                      - {name: api, namespace: apps, hostname: api.kc.lan, service: api, port: 8080, clientId: kc-api}
                """.formatted(keycloak.baseUrl(), realm));
    }

    /** The realm as the stack's plan renders it (KeycloakRealmImport's spec.realm). */
    private JsonObject plannedRealm(String stack) {
        var plan = PlanCommand.plan(project, stack);
        var realmImport = plan.ofType("kubernetes:k8s.keycloak.org/v2alpha1:KeycloakRealmImport").get(0);
        return JsonParser.parseString(new Gson().toJson(Redacted.plain(realmImport.inputs().get("spec").get("realm")))).getAsJsonObject();
    }

    @BeforeAll
    void importTheRealmsTheStacksPlan() throws IOException {
        Files.createDirectories(project.resolve("stacks"));
        Files.writeString(project.resolve("Pulumi.yaml"), "name: citadel\nruntime: java\nstackConfigDir: stacks\n");
        writeStack("kc", REALM);
        writeStack("noroles", NO_ROLES);
        var admin = keycloak.admin();
        admin.deleteRealm(REALM);
        admin.deleteRealm(NO_ROLES);
        admin.importRealm(plannedRealm("kc").toString());
        // The live realm drifted from the plan: the API client lost the roles scope.
        var drifted = plannedRealm("noroles");
        for (var c : drifted.getAsJsonArray("clients")) {
            var client = c.getAsJsonObject();
            if (client.get("clientId").getAsString().equals("kc-api")) {
                var scopes = client.getAsJsonArray("defaultClientScopes");
                scopes.remove(new com.google.gson.JsonPrimitive("roles"));
            }
        }
        admin.importRealm(drifted.toString());
        for (var realm : List.of(REALM, NO_ROLES)) {
            admin.createUser(realm, "alice", "alice@example.test", PASSWORD, List.of("admin"));
        }
    }

    @AfterAll
    void dropRealms() {
        keycloak.admin().deleteRealm(REALM);
        keycloak.admin().deleteRealm(NO_ROLES);
    }

    private Cli.Result verifyGateway(String stack) {
        return VerifyCommandTest.run(Map.of(), PASSWORD + "\n", "verify", "--stack", stack, "--gateway", "--project-dir",
                project.toString(), "--user", "alice", "--password-stdin", "--ca-file", keycloak.caCertificate().toString());
    }

    @Test
    void thePlannedPolicysJwksServesTheKeysThatVerifyAlicesTokenWithEveryForwardedClaim() {
        var result = verifyGateway("kc");

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        var lines = result.out().lines().toList();
        assertThat(lines.subList(0, lines.size() - 1)).allSatisfy(l -> assertThat(l).startsWith("PASS gateway apps/api-jwt "));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("PASS gateway apps/api-jwt jwks: ")
                        .endsWith("RS256 key(s) at " + keycloak.issuer(REALM) + "/protocol/openid-connect/certs"))
                .contains("PASS gateway apps/api-jwt jwks-uri: the issuer's discovery names " + keycloak.issuer(REALM)
                        + "/protocol/openid-connect/certs")
                .contains("PASS gateway apps/api-jwt claims: every forwarded claim is in the token: sub, email, groups, "
                        + "preferred_username, realm_access.roles")
                .anySatisfy(l -> assertThat(l).startsWith("PASS gateway apps/api-jwt token: alice's token of 'kc-api' verifies with key"));
        assertThat(lines.get(lines.size() - 1)).matches("verify: OK, 6 passed, 0 failed, 0 skipped");
        assertThat(result.out() + result.err()).doesNotContain(PASSWORD).doesNotContain("eyJ");
    }

    @Test
    void aRealmWhoseApiClientLostTheRolesScopeFailsTheForwardedClaims() {
        var result = verifyGateway("noroles");

        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(result.out()).contains("PASS gateway apps/api-jwt token:")
                .contains("FAIL gateway apps/api-jwt claims: the token lacks [realm_access.roles], which claimToHeaders forwards: "
                        + "Envoy sends no such header; realm_access.roles needs the roles scope on client 'kc-api'")
                .contains("verify: FAILED");
        assertThat(result.out() + result.err()).doesNotContain(PASSWORD).doesNotContain("eyJ");
    }

    /** The policy as planned, but its remoteJWKS.uri another realm's: neither the URI nor alice's token pass. */
    @Test
    void aPolicyNamingAnotherRealmsJwksFailsTheUriAndTheSignature() {
        var planned = GatewayVerifyRun.policies(PlanCommand.plan(project, "kc"), "kc").get(0);
        var other = keycloak.issuer("master") + "/protocol/openid-connect/certs";
        var twin = new GatewayVerifier.Policy(planned.name(), planned.issuer(), planned.audiences(), other, false,
                planned.claims(), planned.redirectUris());
        var lines = new ArrayList<String>();
        var report = new GatewayVerifier(List.of(twin), OidcVerifier.Options.login("alice", PASSWORD, List.of(), keycloak.sslContext()),
                Clock.systemUTC()).run(r -> lines.add(r.line()));

        assertThat(report.passed()).isFalse();
        assertThat(report.result("gateway apps/api-jwt jwks")).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(CheckResult.Status.PASS));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("FAIL gateway apps/api-jwt jwks-uri: the policy fetches keys from "
                + other + ", the issuer " + keycloak.issuer(REALM) + " publishes " + keycloak.issuer(REALM) + "/protocol/openid-connect/certs"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("FAIL gateway apps/api-jwt token: the token of 'kc-api'")
                .contains("does not verify with the keys at " + other));
        assertThat(String.join("\n", lines)).doesNotContain(PASSWORD).doesNotContain("eyJ");
    }
}
