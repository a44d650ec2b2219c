package dev.citadel.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code verify --realm-drift} and {@code realm-ids}: what is refused before anything is sent, and how. */
class RealmDriftCommandTest {
    static final String PASSWORD = "Adm-9q-never-printed";
    static final String CLIENT_SECRET = "Svc-4z-never-printed";
    static final Map<String, String> ADMIN = Map.of(KeycloakAdminOptions.USER_ENV, "admin", KeycloakAdminOptions.PASSWORD_ENV, PASSWORD);
    private static final String NO_IDENTITY = dev.citadel.testing.Read.testProject("mistakes").toString();

    static Cli.Result run(Map<String, String> env, String... args) {
        return Cli.run(new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == VerifyCommand.class) {
                    return cls.cast(new VerifyCommand(env::get, new ByteArrayInputStream(new byte[0]),
                            (projectDir, stack) -> VerifyCommand.contract(PlanCommand.plan(projectDir, stack), stack)));
                }
                if (cls == RealmIdsCommand.class) {
                    return cls.cast(new RealmIdsCommand(env::get));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        }, args);
    }

    @Test
    void withoutAdminCredentialsItSaysWhichVariablesToSet() {
        run(Map.of(), "verify", "--stack", "homelab", "--realm-drift")
                .isOneLineUserError(KeycloakAdminOptions.USER_ENV, KeycloakAdminOptions.PASSWORD_ENV, "--admin-client");
        run(Map.of(), "realm-ids", "--stack", "homelab")
                .isOneLineUserError(KeycloakAdminOptions.USER_ENV, KeycloakAdminOptions.PASSWORD_ENV);
        run(Map.of(), "verify", "--stack", "homelab", "--realm-drift", "--admin-client", "citadel-drift")
                .isOneLineUserError("--admin-client citadel-drift needs its secret", KeycloakAdminOptions.CLIENT_SECRET_ENV);
    }

    @Test
    void aPlainHttpKeycloakGetsNoPassword() {
        var result = run(ADMIN, "verify", "--stack", "homelab", "--realm-drift", "--keycloak-url", "http://127.0.0.1:8080")
                .isOneLineUserError("--keycloak-url 'http://127.0.0.1:8080' is not an https URL", "certificate verified");
        assertThat(result.err()).doesNotContain(PASSWORD);
    }

    @Test
    void aStackWithoutARealmHasNothingToCompare() {
        run(ADMIN, "verify", "--stack", "baseline", "--project-dir", NO_IDENTITY, "--realm-drift")
                .isOneLineUserError("stack 'baseline' declares no Keycloak realm", "citadel:identity.realm");
        run(ADMIN, "realm-ids", "--stack", "baseline", "--project-dir", NO_IDENTITY)
                .isOneLineUserError("stack 'baseline' declares no Keycloak realm");
    }

    @Test
    void realmDriftRunsOnItsOwnAndItsOptionsOnlyWithIt() {
        run(ADMIN, "verify", "--stack", "homelab", "--realm-drift", "--user", "ada")
                .isOneLineUserError("--realm-drift", "run it on its own");
        run(ADMIN, "verify", "--stack", "homelab", "--realm-drift", "--postgres")
                .isOneLineUserError("--realm-drift", "run it on its own");
        run(ADMIN, "verify", "--stack", "homelab", "--keycloak-url", "https://localhost:8443")
                .isOneLineUserError("--keycloak-url", "add --realm-drift");
    }

    @Test
    void anUnreachableKeycloakIsAFailLineWithoutTheSecret() throws Exception {
        int closed;
        try (var socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        var url = "https://127.0.0.1:" + closed;
        var asUser = run(ADMIN, "verify", "--stack", "homelab", "--realm-drift", "--keycloak-url", url);
        assertThat(asUser.exitCode()).as(asUser.err()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(asUser.out()).startsWith("FAIL realm homelab: cannot read the live realm: cannot reach Keycloak at " + url
                + ": connection refused").contains("verify: FAILED, 0 passed, 1 failed");

        var asClient = run(Map.of(KeycloakAdminOptions.CLIENT_SECRET_ENV, CLIENT_SECRET), "realm-ids", "--stack", "homelab",
                "--keycloak-url", url, "--admin-client", "citadel-drift");
        assertThat(asClient.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(asClient.out()).isEmpty();
        assertThat(asClient.err()).startsWith("citadel: cannot read realm 'homelab': cannot reach Keycloak");
        assertThat(asUser.out() + asUser.err() + asClient.out() + asClient.err()).doesNotContain(PASSWORD, CLIENT_SECRET);
    }
}
