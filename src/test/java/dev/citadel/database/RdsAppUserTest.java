package dev.citadel.database;

import dev.citadel.plan.Plan;
import dev.citadel.plan.Registration;
import dev.citadel.provider.PostgresqlDatabase;
import dev.citadel.provider.PostgresqlGrant;
import dev.citadel.provider.PostgresqlGrantRole;
import dev.citadel.provider.PostgresqlRole;
import dev.citadel.value.Redacted;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static dev.citadel.database.RdsPlans.only;
import static dev.citadel.database.RdsPlans.plain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What RdsAppUser registers on the provider path, through the offline plan. */
class RdsAppUserTest {
    static final String PROVIDER = "pulumi:providers:postgresql";

    private static Plan backstage(UnaryOperator<RdsAppUserArgs.Builder> tweak) {
        return RdsPlans.plan(ctx -> {
            var secret = RdsPlans.appSecret("backstage-db", "1");
            var user = new RdsAppUser("backstage-db", tweak.apply(RdsPlans.backstage(Credential.of(secret, RdsPlans.NAMESPACE, "password"))).build());
            ctx.export("jdbcUrl", user.jdbcUrl());
            ctx.export("host", user.host());
            ctx.export("port", user.port());
            ctx.export("database", user.database());
            ctx.export("user", user.user());
            ctx.export("sslmode", user.sslmode());
        });
    }

    private static String name(Plan plan, String urn) {
        return plan.resources().stream().filter(r -> r.urn().equals(urn)).findFirst().orElseThrow().name();
    }

    @Test
    void theProviderConnectsAsTheNonSuperuserMasterOverSsl() {
        var plan = backstage(b -> b);
        var provider = only(plan, PROVIDER);
        assertThat(provider.name()).isEqualTo("backstage-db-postgresql");
        assertThat(plain(provider, "host")).isEqualTo(RdsPlans.HOST);
        assertThat(plain(provider, "username")).isEqualTo("postgres");
        assertThat(plain(provider, "superuser")).isEqualTo(false);
        assertThat(plain(provider, "sslmode")).isEqualTo("verify-full");
        assertThat(plain(provider, "database")).isEqualTo("postgres");
        assertThat(plain(provider, "password")).isEqualTo(Redacted.SECRET);
        assertThat(provider.version()).contains("3.18.0");
    }

    @Test
    void theRoleLogsInWithTheVaultPasswordAndCreatedbButNeverSuperuserOrCreaterole() {
        var plan = backstage(b -> b.connectionLimit(20));
        var role = only(plan, PostgresqlRole.TYPE);
        assertThat(role.name()).isEqualTo("backstage-db-role");
        assertThat(plain(role, "name")).isEqualTo("backstage_app");
        assertThat(plain(role, "login")).isEqualTo(true);
        assertThat(plain(role, "createDatabase")).isEqualTo(true);
        assertThat(plain(role, "superuser")).isEqualTo(false);
        assertThat(plain(role, "createRole")).isEqualTo(false);
        assertThat(plain(role, "connectionLimit")).isEqualTo(20L);
        assertThat(plain(role, "password")).isEqualTo(Redacted.SECRET);
        assertThat(role.options().additionalSecretOutputs()).contains("password");
        assertThat(name(plan, role.provider().orElseThrow())).isEqualTo("backstage-db-postgresql");
    }

    @Test
    void withoutCreatedbDeclaredTheRoleHasNone() {
        var role = only(backstage(b -> b.createDatabase(false)), PostgresqlRole.TYPE);
        assertThat(plain(role, "createDatabase")).isEqualTo(false);
    }

    @Test
    void theMasterJoinsTheRoleBeforeTheDatabaseIsGivenToIt() {
        var plan = backstage(b -> b);
        var member = only(plan, PostgresqlGrantRole.TYPE);
        var role = only(plan, PostgresqlRole.TYPE);
        var database = only(plan, PostgresqlDatabase.TYPE);
        assertThat(plain(member, "role")).isEqualTo("postgres");
        assertThat(plain(member, "grantRole")).isEqualTo("backstage_app");
        assertThat(member.dependsOn()).contains(role.urn());
        assertThat(plain(database, "name")).isEqualTo("backstage_plugin_catalog");
        assertThat(plain(database, "owner")).isEqualTo("backstage_app");
        assertThat(database.dependsOn()).contains(role.urn(), member.urn());
    }

    @Test
    void grantsRunOneAfterAnotherSoTheyCannotRace() {
        var plan = backstage(b -> b);
        var database = only(plan, PostgresqlDatabase.TYPE);
        var grants = plan.ofType(PostgresqlGrant.TYPE);
        assertThat(grants).extracting(Registration::name).containsExactly("backstage-db-connect", "backstage-db-public-schema");
        var connect = grants.get(0);
        var schema = grants.get(1);
        assertThat(plain(connect, "objectType")).isEqualTo("database");
        assertThat(plain(connect, "privileges")).isEqualTo(List.of("CONNECT", "TEMPORARY"));
        assertThat(connect.dependsOn()).contains(database.urn());
        assertThat(plain(schema, "objectType")).isEqualTo("schema");
        assertThat(plain(schema, "schema")).isEqualTo("public");
        assertThat(plain(schema, "database")).isEqualTo("backstage_plugin_catalog");
        assertThat(plain(schema, "privileges")).isEqualTo(List.of("CREATE", "USAGE"));
        // Two grants in flight at once fail with "tuple concurrently updated" (pulumi-postgresql#126).
        assertThat(schema.dependsOn()).contains(connect.urn());
    }

    @Test
    void beforePostgres15PublicIsStillOpenAndNeedsNoSchemaGrant() {
        var plan = backstage(b -> b.engineVersion("14.12"));
        assertThat(plan.ofType(PostgresqlGrant.TYPE)).extracting(Registration::name).containsExactly("backstage-db-connect");
    }

    @Test
    void everyChildIsParentedToTheComponentAndNamedAfterIt() {
        var plan = backstage(b -> b);
        var component = plan.find(RdsAppUser.TYPE, "backstage-db").orElseThrow();
        var children = plan.childrenOf(component.urn());
        assertThat(children).extracting(Registration::name).containsExactlyInAnyOrder(
                "backstage-db-postgresql", "backstage-db-role", "backstage-db-master-member", "backstage-db-database",
                "backstage-db-connect", "backstage-db-public-schema");
        assertThat(children).filteredOn(r -> !r.isProvider()).allSatisfy(r -> assertThat(r.version()).contains("3.18.0"));
    }

    /**
     * Issue 23: the provider connected as the master with sslmode require and no CA, so whoever answered at the host got
     * the master password. Now it verifies the server's certificate and name against the CA file given (sslrootcert,
     * an input of the provider's schema), and require is refused at build() with the fix.
     */
    @Test
    void theProviderVerifiesTheServerAgainstTheCaFileAndRequireIsRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        var pem = java.nio.file.Files.writeString(dir.resolve("global-bundle.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        var provider = only(backstage(b -> b.caFile(pem)), PROVIDER);
        assertThat(plain(provider, "sslmode")).isEqualTo("verify-full");
        assertThat(plain(provider, "sslrootcert")).isEqualTo(pem.toAbsolutePath().toString());
        assertThat(RdsPlans.rejection(() -> RdsPlans.keycloak(RdsPlans.someRef()).sslMode(SslMode.REQUIRE).build()))
                .hasMessageStartingWith("sslmode: require checks no certificate, so the postgresql provider would send the master password")
                .hasMessageContaining("caFile(Path.of(\"global-bundle.pem\"))");
        assertThat(RdsPlans.rejection(() -> RdsPlans.keycloak(RdsPlans.someRef()).caFile(dir.resolve("missing.pem")).build()))
                .hasMessageStartingWith("caFile: '" + dir.resolve("missing.pem") + "' cannot be read as a PEM file");
        var notPem = java.nio.file.Files.writeString(dir.resolve("bundle.txt"), "not a certificate");
        assertThat(RdsPlans.rejection(() -> RdsPlans.keycloak(RdsPlans.someRef()).caFile(notPem).build()))
                .hasMessageContaining("holds no PEM certificate");
        assertThat(RdsPlans.rejection(() -> RdsPlans.keycloak(RdsPlans.someRef()).caFile(pem)
                .provisioner(Provisioner.job(RdsPlans.NAMESPACE)).caBundle(RdsPlans.CA).build())).hasMessageStartingWith("caFile: a file on");
        // The provider's schema (pulumi-postgresql 3.18.0) takes sslrootcert as a file path; the Args declare it under that name.
        assertThat(java.util.Arrays.stream(dev.citadel.provider.PostgresqlProvider.Args.class.getDeclaredFields())
                .map(f -> f.getAnnotation(com.pulumi.core.annotations.Import.class)).filter(java.util.Objects::nonNull)
                .map(com.pulumi.core.annotations.Import::name)).contains("sslmode", "sslrootcert");
    }

    /** Issue 23: an empty password "succeeded" and left the role unable to log in; now nothing is sent and the update stops. */
    @Test
    void anEmptyPasswordStopsThePlanBeforeTheProviderGetsIt() {
        for (var empty : java.util.List.<UnaryOperator<RdsAppUserArgs.Builder>>of(
                b -> b.password(Credential.of(RdsPlans.someRef().ref(), com.pulumi.core.Output.of(""), "1")),
                b -> b.masterPassword(Credential.of(RdsPlans.MASTER_REF, com.pulumi.core.Output.of(""), "1")))) {
            assertThatThrownBy(() -> RdsPlans.plan(ctx -> new RdsAppUser("keycloak-db", empty.apply(RdsPlans.keycloak(RdsPlans.someRef())).build())))
                    .hasMessageContaining("holds an empty password; nothing was sent to the server");
        }
    }

    @Test
    void outputsTheConnectionDetails() {
        var out = (Map<?, ?>) Redacted.plain(backstage(b -> b.sslMode(SslMode.VERIFY_FULL)).outputs());
        assertThat(out.get("jdbcUrl")).isEqualTo("jdbc:postgresql://" + RdsPlans.HOST + ":5432/backstage_plugin_catalog?sslmode=verify-full");
        assertThat(out.get("host")).isEqualTo(RdsPlans.HOST);
        assertThat(out.get("port")).isEqualTo(5432L);
        assertThat(out.get("database")).isEqualTo("backstage_plugin_catalog");
        assertThat(out.get("user")).isEqualTo("backstage_app");
        assertThat(out.get("sslmode")).isEqualTo("verify-full");
    }

    @Test
    void aHostFromAnotherResourceIsPassedThroughAsAnOutput() {
        var plan = RdsPlans.plan(ctx -> {
            var host = com.pulumi.core.Output.of("db.internal.rds.amazonaws.com").applyValue(h -> "dev-" + h);
            var user = new RdsAppUser("keycloak-db", RdsPlans.keycloak(RdsPlans.someRef()).host(host).build());
            ctx.export("jdbcUrl", user.jdbcUrl());
        });
        assertThat(plain(only(plan, PROVIDER), "host")).isEqualTo("dev-db.internal.rds.amazonaws.com");
        assertThat(((Map<?, ?>) Redacted.plain(plan.outputs())).get("jdbcUrl"))
                .isEqualTo("jdbc:postgresql://dev-db.internal.rds.amazonaws.com:5432/keycloak?sslmode=verify-full");
    }

    @Test
    void theMasterPasswordNeverAppearsInThePlan() {
        var plan = backstage(b -> b);
        assertThat(plan.resources()).allSatisfy(r -> assertThat(String.valueOf(Redacted.plain(r.inputs()))).doesNotContain(RdsPlans.MASTER_CANARY));
    }
}
