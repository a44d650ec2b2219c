package dev.citadel.authentik;

import com.pulumi.core.Output;
import dev.citadel.database.CaBundle;
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
            "authentik", AuthentikReleaseTest.PG_USER.withKey("password"), SslMode.REQUIRE).pooled(PostgresConnection.Pooling.SESSION)
            .withCa(AuthentikReleaseTest.CA, SslMode.VERIFY_FULL);

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
                "{name=AUTHENTIK_POSTGRESQL__USER, value=authentik}", "{name=AUTHENTIK_POSTGRESQL__SSLMODE, value=verify-full}",
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

    /** Issue 23: authentik connected with sslmode require, so whoever answered at the host got its database password. */
    @Test
    void aConnectionWithoutACaIsRefusedNamingTheFixAndACaInAnotherNamespaceToo() {
        var unverified = PostgresConnection.external("authentik-db-pooler-rw.authentik.svc", 5432, "authentik", "authentik",
                AuthentikReleaseTest.PG_USER.withKey("password"), SslMode.REQUIRE);
        assertThatThrownBy(() -> AuthentikReleaseTest.homelab().postgres(unverified).build())
                .hasMessageStartingWith("postgres: the connection authentik@authentik-db-pooler-rw.authentik.svc:5432/authentik")
                .hasMessageContaining("gives no CA").hasMessageContaining("withCa(ServerCa.of(").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> values(AuthentikReleaseTest.homelab().postgres(Output.of(unverified)))).hasMessageContaining("gives no CA");
        var elsewhere = unverified.withCa(PostgresConnection.ServerCa.of("databases", CaBundle.secret("authentik-db-ca", "ca.crt")),
                SslMode.VERIFY_FULL);
        assertThatThrownBy(() -> AuthentikReleaseTest.homelab().postgres(elsewhere).build())
                .hasMessageContaining("postgres CA secret databases/authentik-db-ca[ca.crt] is in namespace databases")
                .hasMessageContaining("copy it to authentik");
        assertThatThrownBy(() -> unverified.withCa(AuthentikReleaseTest.CA, SslMode.REQUIRE)).hasMessageContaining("require checks no certificate");
    }

    /** The cluster's CA reaches server and worker as a mounted file authentik's psycopg checks the server with. */
    @Test
    void aClustersConnectionMountsItsCaAndVerifiesTheServersName() {
        var cluster = new java.util.concurrent.atomic.AtomicReference<dev.citadel.database.CnpgCluster>();
        new PlanRunner("citadel", "test", Map.of(), Set.of()).run(ctx -> cluster.set(new dev.citadel.database.CnpgCluster("authentik-db",
                dev.citadel.database.CnpgClusterArgs.builder().namespace("authentik")
                        .bootstrap(dev.citadel.database.Bootstrap.initdb("authentik", "authentik"))
                        .role(dev.citadel.database.Role.app("authentik", AuthentikReleaseTest.PG_USER.withKey("password")))
                        .pooler(dev.citadel.database.Pooler.rw(dev.citadel.database.Pooler.Mode.TRANSACTION)).build())));
        var values = values(AuthentikReleaseTest.homelab().postgres(cluster.get().connection()));
        assertThat(values.get("global").toString()).contains(
                "volumes=[{name=citadel-postgres-ca, secret={items=[{key=ca.crt, path=ca.crt}], secretName=authentik-db-ca}}]",
                "volumeMounts=[{mountPath=/citadel/postgres-ca, name=citadel-postgres-ca, readOnly=true}]");
        for (var component : java.util.List.of("server", "worker")) {
            assertThat(values.get(component).toString()).contains("{name=AUTHENTIK_POSTGRESQL__SSLMODE, value=verify-full}",
                    "{name=AUTHENTIK_POSTGRESQL__SSLROOTCERT, value=/citadel/postgres-ca/ca.crt}",
                    "{name=AUTHENTIK_POSTGRESQL__HOST, value=authentik-db-pooler-rw.authentik.svc}");
        }
        assertThatThrownBy(() -> AuthentikReleaseTest.homelab().chartValue("global.volumes", java.util.List.of()).build())
                .hasMessageContaining("global.volumes is set by the release itself");
    }

    @Test
    void noConnectionAtAllIsRefusedNamingTheContractToPass() {
        var args = AuthentikReleaseArgs.builder().chartVersion("2026.2.4").image("2026.2.4", "2026.2.4")
                .existingSecret("authentik-secret-key").bootstrap(AuthentikReleaseTest.TOKEN, null);
        assertThatThrownBy(args::build).hasMessageContaining("postgres is missing")
                .hasMessageContaining("connection(\"authentik\")").hasMessageContaining("PostgresConnection.external");
    }
}
