package dev.citadel.database;

import com.pulumi.core.Output;
import dev.citadel.secrets.SecretRef;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a cluster hands its consumers: the host they reach (the read-write Pooler when there is one), the database, its
 * owner and the owner's password Secret, as CnpgCluster renders them, so a consumer never types any of them.
 */
class PostgresConnectionTest {
    static final SecretRef PASSWORD = SecretRef.of("authentik", "authentik-postgres", "password");

    private static CnpgCluster cluster(java.util.function.UnaryOperator<CnpgClusterArgs.Builder> tweak) {
        var holder = new AtomicReference<CnpgCluster>();
        DatabasePlans.plan(ctx -> holder.set(new CnpgCluster("authentik-db", tweak.apply(CnpgClusterArgs.builder().namespace("authentik")
                .bootstrap(Bootstrap.initdb("authentik", "authentik")).role(Role.app("authentik", PASSWORD))).build())));
        return holder.get();
    }

    @Test
    void behindASessionPoolerTheConnectionIsThePoolersServiceInSessionMode() {
        var c = cluster(b -> b.pooler(Pooler.rw(Pooler.Mode.SESSION))).connection("authentik");
        assertThat(c.host()).isEqualTo("authentik-db-pooler-rw.authentik.svc");
        assertThat(c.port()).isEqualTo(5432);
        assertThat(c.user()).isEqualTo("authentik");
        assertThat(c.password()).isEqualTo(PASSWORD);
        assertThat(c.pooling()).isEqualTo(PostgresConnection.Pooling.SESSION);
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://authentik-db-pooler-rw.authentik.svc:5432/authentik?sslmode=verify-full");
    }

    /**
     * Issue 23: the cluster's connections said sslmode require and named no CA, so a consumer checked no certificate. Now
     * they carry CNPG's {@code <cluster>-ca} and verify-full, and the Pooler's Service names are put on the server
     * certificate CNPG issues (the Pooler presents that certificate, and CNPG adds only its own Services to it).
     */
    @Test
    void theConnectionCarriesTheClustersCaAndThePoolersNamesAreOnTheServerCertificate() {
        var c = cluster(b -> b.pooler(Pooler.rw(Pooler.Mode.SESSION))).connection("authentik");
        assertThat(c.sslmode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(c.ca()).contains(PostgresConnection.ServerCa.of("authentik", CaBundle.secret("authentik-db-ca", "ca.crt")));
        assertThat(c.toString()).contains("CA secret authentik/authentik-db-ca[ca.crt]");
        var args = CnpgClusterArgs.builder().namespace("authentik").bootstrap(Bootstrap.initdb("authentik", "authentik"))
                .role(Role.app("authentik", PASSWORD)).pooler(Pooler.rw(Pooler.Mode.SESSION)).build();
        assertThat(CnpgCluster.clusterSpec("authentik-db", args).get("certificates")).isEqualTo(java.util.Map.of("serverAltDNSNames",
                java.util.List.of("authentik-db-pooler-rw", "authentik-db-pooler-rw.authentik", c.host(),
                        "authentik-db-pooler-rw.authentik.svc.cluster.local")));
        var withoutPooler = CnpgClusterArgs.builder().namespace("authentik").bootstrap(Bootstrap.initdb("authentik", "authentik")).build();
        assertThat(CnpgCluster.clusterSpec("authentik-db", withoutPooler)).doesNotContainKey("certificates");
        assertThat(cluster(b -> b).connection().ca()).isPresent();
    }

    @Test
    void withoutAReadWritePoolerItIsThePrimarysService() {
        assertThat(cluster(b -> b).connection().host()).isEqualTo("authentik-db-rw.authentik.svc");
        var readOnlyPool = cluster(b -> b.pooler(Pooler.ro(Pooler.Mode.TRANSACTION))).connection();
        assertThat(readOnlyPool.host()).isEqualTo("authentik-db-rw.authentik.svc");
        assertThat(readOnlyPool.pooling()).isEqualTo(PostgresConnection.Pooling.NONE);
    }

    @Test
    void theHostMatchesTheStacksHostOutput() {
        var holder = new AtomicReference<CnpgCluster>();
        var plan = DatabasePlans.plan(ctx -> {
            holder.set(new CnpgCluster("authentik-db", CnpgClusterArgs.builder().namespace("authentik")
                    .bootstrap(Bootstrap.initdb("authentik", "authentik")).role(Role.app("authentik", PASSWORD))
                    .pooler(Pooler.rw(Pooler.Mode.TRANSACTION)).build()));
            ctx.export("host", holder.get().host());
        });
        assertThat(plan.outputs().get("host").string()).contains(holder.get().connection().host());
    }

    @Test
    void aDatabaseTheClusterDoesNotCreateIsRefusedAndAnOwnerWithoutARoleReadsTheGeneratedSecret() {
        assertThatThrownBy(() -> cluster(b -> b).connection("authentic"))
                .hasMessageContaining("CnpgCluster 'authentik-db' creates no database 'authentic'")
                .hasMessageContaining("[authentik]");
        // An initdb owner without a managed role reads the Secret CNPG generates for it.
        var holder = new AtomicReference<CnpgCluster>();
        DatabasePlans.plan(ctx -> holder.set(new CnpgCluster("reports-db", CnpgClusterArgs.builder().namespace("reports")
                .bootstrap(Bootstrap.initdb("reports", "analyst")).build())));
        assertThat(holder.get().connection("reports").password()).isEqualTo(SecretRef.of("reports", "reports-db-app", "password"));
        // Several databases: the one without a name is the bootstrap one.
        assertThat(cluster(b -> b.database(Database.of("reports", "authentik"))).connection().database()).isEqualTo("authentik");
    }

    @Test
    void anExternalConnectionIsCheckedAsAHostAndNames() {
        assertThatThrownBy(() -> PostgresConnection.external("db host", 5432, "app", "app", PASSWORD, SslMode.VERIFY_FULL))
                .hasMessageContaining("connection host 'db host' is not a DNS name");
        assertThatThrownBy(() -> PostgresConnection.external("db.example.org", 0, "app", "app", PASSWORD, SslMode.VERIFY_FULL))
                .hasMessageContaining("connection port 0");
        assertThatThrownBy(() -> PostgresConnection.external("db.example.org", 5432, "App-DB", "app", PASSWORD, SslMode.VERIFY_FULL))
                .hasMessageContaining("connection database: 'App-DB'");
        var external = PostgresConnection.external("db.example.org", 6432, "app", "app", PASSWORD, SslMode.VERIFY_FULL);
        assertThat(external.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.org:6432/app?sslmode=verify-full");
        // A reference to the password, never a value: there is none in the contract.
        assertThat(external.toString()).isEqualTo("app@db.example.org:6432/app (sslmode verify-full, password secret "
                + "authentik/authentik-postgres[password])");
    }

    @Test
    void anRdsUsersConnectionCarriesItsEndpointUserAndSslMode() {
        var plan = RdsPlans.plan(ctx -> {
            var secret = RdsPlans.appSecret("backstage-db", "1");
            var user = new RdsAppUser("backstage-db", RdsPlans.backstage(Credential.of(secret, RdsPlans.NAMESPACE, "password")).build());
            ctx.export("jdbcUrl", user.connection().applyValue(PostgresConnection::jdbcUrl));
            ctx.export("same", Output.all(user.connection().applyValue(PostgresConnection::jdbcUrl), user.jdbcUrl())
                    .applyValue(urls -> urls.get(0).equals(urls.get(1))));
            ctx.export("password", user.connection().applyValue(c -> c.password().toString()));
        });
        assertThat(plan.outputs().get("jdbcUrl").string().orElseThrow()).startsWith("jdbc:postgresql://goldenpath-dev")
                .contains(":5432/backstage_plugin_catalog?sslmode=");
        assertThat(plan.outputs().get("same")).isEqualTo(new dev.citadel.value.Prop.Bool(true));
        assertThat(plan.outputs().get("password").string().orElseThrow()).contains("backstage-db");
    }
}
