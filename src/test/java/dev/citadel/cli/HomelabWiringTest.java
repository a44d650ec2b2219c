package dev.citadel.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wiring issue as a user met it: the homelab stack planned clean ({@code + 90 to create}, no violations) with
 * authentik pointed at {@code authentik-pooler-rw.authentik.svc}, a Pooler CNPG never makes. The stack as it stood now
 * fails the plan naming both ends; as shipped (authentik names its cluster) it plans clean.
 */
class HomelabWiringTest {
    /** The postgres block the homelab shipped with before: a host typed by hand. */
    static final String AS_IT_STOOD = """
                  postgres:
                    host: authentik-pooler-rw.authentik.svc
                    database: authentik
                    secret: authentik-postgres
                    sessionPool: true
            """;

    @Test
    void theHomelabAsItStoodFailsThePlanNamingTheHostAndWhatTheStackRenders(@TempDir Path project) throws IOException {
        var stack = Files.readString(Path.of("stacks", "Pulumi.homelab.yaml"));
        var start = stack.indexOf("      postgres:\n        cluster: authentik-db\n");
        assertThat(start).as("the shipped homelab names its cluster").isPositive();
        var end = stack.indexOf("      env:\n", start);
        Files.createDirectories(project.resolve("stacks"));
        Files.copy(Path.of("Pulumi.yaml"), project.resolve("Pulumi.yaml"));
        Files.writeString(project.resolve("stacks/Pulumi.homelab.yaml"), stack.substring(0, start) + AS_IT_STOOD + stack.substring(end));

        var result = Cli.run("plan", "--stack", "homelab", "--project-dir", project.toString());

        // Issue 23: before the dangling host is even judged, a hand-typed connection names no CA, and authentik would send
        // its password to whoever answers there (the host itself is references-resolve's: ReferencesResolvePolicyTest).
        result.isOneLineUserError("citadel:authentik.release.postgres: the connection", "authentik-pooler-rw.authentik.svc",
                "gives no CA", "whoever answers", "ca: {secret: <name>, key: ca.crt}");
    }

    @Test
    void theHomelabAsShippedPlansCleanWithAuthentikOnItsClustersPooler() {
        var result = Cli.run("plan", "--stack", "homelab", "--format", "json");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("\"name\": \"AUTHENTIK_POSTGRESQL__HOST\",\n")
                .contains("\"value\": \"authentik-db-pooler-rw.authentik.svc\"")
                .doesNotContain("\"policy\": \"references-resolve\"");
    }

    @Test
    void aHandTypedHostForADatabaseTheStackOwnsIsRefusedNamingTheClusterToUse(@TempDir Path project) throws IOException {
        var stack = Files.readString(Path.of("stacks", "Pulumi.homelab.yaml"));
        var start = stack.indexOf("      postgres:\n        cluster: authentik-db\n");
        var end = stack.indexOf("      env:\n", start);
        Files.createDirectories(project.resolve("stacks"));
        Files.copy(Path.of("Pulumi.yaml"), project.resolve("Pulumi.yaml"));
        Files.writeString(project.resolve("stacks/Pulumi.homelab.yaml"), stack.substring(0, start)
                + AS_IT_STOOD.replace("authentik-pooler-rw", "authentik-db-pooler-rw") + stack.substring(end));

        Cli.run("plan", "--stack", "homelab", "--project-dir", project.toString())
                .isOneLineUserError("citadel:authentik.release.postgres.host", "authentik-db-pooler-rw.authentik.svc",
                        "cluster: authentik-db");
    }
}
