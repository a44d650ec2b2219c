package dev.citadel.authentik;

import com.pulumi.core.Output;
import dev.citadel.database.PostgresConnection;
import dev.citadel.database.SslMode;
import dev.citadel.plan.PlanRunner;
import dev.citadel.value.Redacted;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * authentik's database as a connection, never a host string; also as an {@code Output} when the cluster is another
 * stack's. The checks that need the connection run when it arrives, with the messages {@code build()} gives.
 */
class AuthentikReleaseConnectionTest {
    static final PostgresConnection POOLED = PostgresConnection.external("authentik-db-pooler-rw.authentik.svc", 5432, "authentik",
            "authentik", AuthentikReleaseTest.PG_USER.withKey("password"), SslMode.REQUIRE).pooled(PostgresConnection.Pooling.SESSION);

    @SuppressWarnings("unchecked")
    private static Map<String, Object> values(AuthentikReleaseArgs.Builder args) {
        var plan = new PlanRunner("citadel", "test", Map.of(), Set.of()).run(ctx -> new AuthentikRelease("authentik", args.build()));
        return (Map<String, Object>) Redacted.plain(plan.ofType(AuthentikReleaseTest.RELEASE).get(0).inputs().get("values"));
    }

    @Test
    void theConnectionsHostPortDatabaseUserSslmodeAndPasswordSecretReachServerAndWorker() {
        var server = values(AuthentikReleaseTest.homelab().postgres(POOLED)).get("server").toString();
        assertThat(server).contains("{name=AUTHENTIK_POSTGRESQL__HOST, value=authentik-db-pooler-rw.authentik.svc}",
                "{name=AUTHENTIK_POSTGRESQL__PORT, value=5432}", "{name=AUTHENTIK_POSTGRESQL__NAME, value=authentik}",
                "{name=AUTHENTIK_POSTGRESQL__USER, value=authentik}", "{name=AUTHENTIK_POSTGRESQL__SSLMODE, value=require}",
                "{name=AUTHENTIK_POSTGRESQL__PASSWORD, valueFrom={secretKeyRef={key=password, name=authentik-postgres}}}");
    }

    @Test
    void aConnectionFromAnotherStackArrivesAsAnOutputAndRendersTheSameValues() {
        assertThat(values(AuthentikReleaseTest.homelab().postgres(Output.of(POOLED))))
                .isEqualTo(values(AuthentikReleaseTest.homelab().postgres(POOLED)));
    }

    @Test
    void theChecksThatNeedTheConnectionRunWhenItArrives() {
        var withConnMaxAge = AuthentikReleaseTest.homelab().env("AUTHENTIK_POSTGRESQL__CONN_MAX_AGE", "60");
        assertThatThrownBy(() -> withConnMaxAge.postgres(POOLED).build()).hasMessageContaining("session-mode pooler");
        assertThatThrownBy(() -> values(withConnMaxAge.postgres(Output.of(POOLED)))).hasMessageContaining("session-mode pooler");
    }

    @Test
    void noConnectionAtAllIsRefusedNamingTheContractToPass() {
        var args = AuthentikReleaseArgs.builder().chartVersion("2026.2.4").image("2026.2.4", "2026.2.4")
                .existingSecret("authentik-secret-key").bootstrap(AuthentikReleaseTest.TOKEN, null);
        assertThatThrownBy(args::build).hasMessageContaining("postgres is missing")
                .hasMessageContaining("connection(\"authentik\")").hasMessageContaining("PostgresConnection.external");
    }
}
