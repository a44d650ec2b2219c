package dev.citadel.cli;

import dev.citadel.database.peers.Peers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code citadel verify --stack homelab --postgres} as a user gets it wrong: the homelab's five CnpgClusters from its
 * plan, and every mistake one line naming the option and the fix; with nothing listening, one FAIL per login.
 */
class VerifyCnpgCommandTest {
    private static Map<String, ?> homelab;

    @BeforeAll
    static void plan() {
        homelab = VerifyCommand.outputs(PlanCommand.plan(Path.of("."), "homelab"));
    }

    private static Cli.Result verify(Map<String, String> env, String stdin, String... args) {
        var command = new VerifyCommand(env::get, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                (dir, stack) -> VerifyCommand.contract(PlanCommand.plan(dir, stack), stack), (dir, stack) -> homelab);
        var all = new ArrayList<>(List.of("verify", "--stack", "homelab", "--postgres"));
        all.addAll(List.of(args));
        return VerifyCommandTest.run(command, all.toArray(String[]::new));
    }

    @Test
    void thePlanDeclaresEachClustersPrimaryOwnersAndServerName() {
        @SuppressWarnings("unchecked")
        var clusters = (Map<String, Map<String, Object>>) homelab.get("cnpgClusters");
        assertThat(clusters).containsOnlyKeys("authentik-db", "keycloak-postgres", "langfuse-postgresql", "litellm-postgresql",
                "obot-postgresql");
        assertThat(clusters.get("keycloak-postgres")).containsEntry("host", "keycloak-postgres-rw.identity.svc")
                .containsEntry("port", 5432L).containsEntry("sslmode", "verify-full").containsEntry("archives", true)
                .containsEntry("serverName", "keycloak-postgres-1").containsEntry("databases", Map.of("keycloak", "keycloak"));
        // The app connects through the Pooler; verify reads pg_stat_archiver of the primary itself.
        assertThat(clusters.get("authentik-db")).containsEntry("host", "authentik-db-rw.authentik.svc");
    }

    @Test
    void aPortForwardReachesOneClusterSoTheOthersMustBeLeftOut() {
        verify(Map.of(), "", "--pg-host", "127.0.0.1", "--pg-port", "5432")
                .isOneLineUserError("--pg-host/--pg-port reach one cluster", "5 are selected", "--cluster", "keycloak-postgres");
    }

    @Test
    void anUnknownClusterNamesTheStacksClusters() {
        verify(Map.of(), "", "--cluster", "keycloak-db").isOneLineUserError("--cluster keycloak-db", "authentik-db", "obot-postgresql");
    }

    @Test
    void aMissingPasswordNamesItsVariableAndNeverAValue() {
        verify(Map.of(), "", "--cluster", "keycloak-postgres", "--pg-host", "127.0.0.1")
                .isOneLineUserError("keycloak-postgres (role keycloak) needs its password",
                        "CITADEL_VERIFY_PG_PASSWORD_KEYCLOAK_POSTGRES_KEYCLOAK", "--password-stdin");
    }

    @Test
    void oneStdinPasswordServesOneRoleOnly() {
        verify(Map.of(), "pw\n", "--password-stdin").isOneLineUserError("--password-stdin gives one password, but 5 roles", "--cluster");
        verify(Map.of(), "", "--password-stdin", "--cluster", "obot-postgresql").isOneLineUserError("--password-stdin read no password");
    }

    @Test
    void anArchiveAgeIsANumberAndAUnit() {
        verify(Map.of(), "", "--cluster", "obot-postgresql", "--max-archive-age", "1 hour")
                .isOneLineUserError("--max-archive-age: '1 hour' is not an age", "30m");
    }

    @Test
    void clusterWithoutPostgresIsAUsageError() {
        VerifyCommandTest.run(Map.of(), "", "verify", "--stack", "homelab", "--cluster", "obot-postgresql")
                .isOneLineUserError("--cluster and --max-archive-age", "--postgres");
    }

    @Test
    void nothingListeningIsOneFailedLoginAndTheChecksItNeededSkip() {
        var port = Peers.freePort();
        var r = verify(Map.of("CITADEL_VERIFY_PG_PASSWORD_OBOT_POSTGRESQL_OBOT", "obot-pw"), "", "--cluster", "obot-postgresql",
                "--pg-host", "127.0.0.1", "--pg-port", String.valueOf(port));
        assertThat(r.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        var lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("FAIL obot-postgresql.obot.login: obot cannot log in to obot at 127.0.0.1:" + port)
                .contains("managedRolesStatus");
        assertThat(lines.subList(1, lines.size())).containsExactly(
                "SKIP obot-postgresql.obot.owner: needs the login that failed",
                "SKIP obot-postgresql.obot.role-attributes: needs the login that failed",
                "SKIP obot-postgresql.archiving: needs a login that failed",
                "verify: FAILED, 0 passed, 1 failed, 3 skipped");
        assertThat(r.out()).doesNotContain("obot-pw");
    }
}
