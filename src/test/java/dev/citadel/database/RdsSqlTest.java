package dev.citadel.database;

import dev.citadel.secrets.SecretRef;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rendered script as text: a pure function of the declaration, every identifier quoted, no password in it. */
class RdsSqlTest {

    private static RdsAppUserArgs backstage() {
        return RdsPlans.backstage(Credential.ref(SecretRef.of(RdsPlans.NAMESPACE, "backstage-db", "password")))
                .provisioner(Provisioner.job(RdsPlans.NAMESPACE)).caBundle(RdsPlans.CA).build();
    }

    @Test
    void seed004sSessionAsAnIdempotentPsqlScript() {
        assertThat(RdsSql.render(backstage()).psql()).isEqualTo(String.join("\n",
                "\\set ON_ERROR_STOP on",
                "SET search_path = pg_catalog, pg_temp;",
                "SET password_encryption = 'scram-sha-256';",
                "SELECT 'CREATE ROLE \"backstage_app\"' WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 'backstage_app') \\gexec",
                "ALTER ROLE \"backstage_app\" WITH LOGIN NOCREATEROLE INHERIT CREATEDB CONNECTION LIMIT -1;",
                "\\password \"backstage_app\"",
                "GRANT \"backstage_app\" TO \"postgres\";",
                "SELECT 'CREATE DATABASE \"backstage_plugin_catalog\" OWNER \"backstage_app\"' WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_database WHERE datname OPERATOR(pg_catalog.=) 'backstage_plugin_catalog') \\gexec",
                "ALTER DATABASE \"backstage_plugin_catalog\" OWNER TO \"backstage_app\";",
                "REVOKE CONNECT, TEMPORARY ON DATABASE \"backstage_plugin_catalog\" FROM PUBLIC;",
                "GRANT CONNECT, TEMPORARY ON DATABASE \"backstage_plugin_catalog\" TO \"backstage_app\";",
                "\\connect 'backstage_plugin_catalog'",
                "SET search_path = pg_catalog, pg_temp;",
                "SET password_encryption = 'scram-sha-256';",
                "GRANT USAGE, CREATE ON SCHEMA public TO \"backstage_app\";",
                ""));
    }

    @Test
    void theSameDeclarationRendersTheSameBytes() {
        assertThat(RdsSql.render(backstage()).psql()).isEqualTo(RdsSql.render(backstage()).psql());
        assertThat(RdsSql.render(backstage())).isEqualTo(RdsSql.render(backstage()));
    }

    @Test
    void onPostgres14TheSchemaIsLeftAlone() {
        var args = RdsPlans.keycloak(RdsPlans.someRef()).engineVersion("14.12").build();
        assertThat(RdsSql.render(args).segments()).hasSize(1);
        assertThat(RdsSql.render(args).psql()).doesNotContain("\\connect").contains("NOCREATEDB");
    }

    @Test
    void quotingDoublesTheQuoteSoNoNameOrTextCanCloseIt() {
        assertThat(RdsSql.ident("a\"; DROP ROLE \"x")).isEqualTo("\"a\"\"; DROP ROLE \"\"x\"");
        assertThat(RdsSql.literal("it's'; DROP ROLE x; --")).isEqualTo("'it''s''; DROP ROLE x; --'");
    }

    @Test
    void theReadmeShowsTheScriptAsRendered() throws java.io.IOException {
        var readme = java.nio.file.Files.readString(java.nio.file.Path.of("docs/components/rds.md"));
        var start = readme.indexOf("```\n\\set ON_ERROR_STOP on");
        assertThat(start).as("the rendered script in docs/components/rds.md").isNotNegative();
        var shown = readme.substring(start + 4, readme.indexOf("```", start + 4));
        var args = RdsPlans.backstage(Credential.ref(SecretRef.of(RdsPlans.NAMESPACE, "backstage-db", "password")))
                .connectionLimit(50).provisioner(Provisioner.job(RdsPlans.NAMESPACE)).caBundle(RdsPlans.CA).build();
        assertThat(shown).isEqualTo(RdsSql.render(args).psql());
    }
}
