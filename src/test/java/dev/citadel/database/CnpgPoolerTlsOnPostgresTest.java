package dev.citadel.database;

import dev.citadel.database.peers.Peers;
import dev.citadel.secrets.SecretRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23 against the real psql and PostgreSQL 15: a server whose certificate carries what CNPG would issue for this
 * cluster (its own Services, as GetClusterAltDNSNames lists them, plus the rendered {@code serverAltDNSNames}) is
 * accepted under the connection's verify-full at the Pooler's name; a name it does not carry is refused before a
 * password is asked for. Without the rendered names, the Pooler's host would fail the same way.
 */
class CnpgPoolerTlsOnPostgresTest {
    private static PostgresConnection connection;
    private static List<String> rendered;
    private static RdsLikePostgres pg;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void start() {
        var holder = new AtomicReference<CnpgCluster>();
        var args = CnpgClusterArgs.builder().namespace("authentik").bootstrap(Bootstrap.initdb("authentik", "authentik"))
                .role(Role.app("authentik", SecretRef.of("authentik", "authentik-postgres", "password")))
                .pooler(Pooler.rw(Pooler.Mode.SESSION)).build();
        DatabasePlans.plan(ctx -> holder.set(new CnpgCluster("authentik-db", args)));
        connection = holder.get().connection("authentik");
        rendered = (List<String>) ((Map<String, Object>) CnpgCluster.clusterSpec("authentik-db", args).get("certificates"))
                .get("serverAltDNSNames");
        var names = new ArrayList<String>();
        for (var service : List.of("authentik-db-rw", "authentik-db-r", "authentik-db-ro")) {
            CnpgCluster.serviceNames(service, "authentik").forEach(n -> names.add("DNS:" + n));
        }
        rendered.forEach(n -> names.add("DNS:" + n));
        pg = RdsLikePostgres.start(names);
    }

    @AfterAll
    static void stop() throws IOException {
        pg.close();
    }

    private static Peers.Result psql(String host) {
        Peers.require("psql", Peers.PG_BIN.resolve("psql"));
        var conninfo = "host=" + host + " hostaddr=127.0.0.1 port=" + pg.port() + " dbname=postgres user=postgres"
                + " sslmode=" + connection.sslmode().value() + " sslrootcert=" + pg.caFile() + " connect_timeout=10";
        return Peers.run(List.of(Peers.PG_BIN.resolve("psql").toString(), "-X", "-A", "-t", "-c",
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", conninfo), Map.of("PATH", "/usr/bin:/bin"), 60);
    }

    @Test
    void authentikReachesThePoolerUnderVerifyFullWithTheCertificateCnpgIssues() {
        assertThat(connection.host()).isEqualTo("authentik-db-pooler-rw.authentik.svc");
        assertThat(connection.sslmode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(rendered).contains(connection.host());

        var result = psql(connection.host());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().strip()).isEqualTo("t");
    }

    @Test
    void aNameTheCertificateDoesNotCarryIsRefusedBeforeAnyPassword() {
        var result = psql("authentik-db-pooler-ro.authentik.svc");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("does not match host name \"authentik-db-pooler-ro.authentik.svc\"");
    }
}
