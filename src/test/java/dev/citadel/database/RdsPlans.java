package dev.citadel.database;

import com.pulumi.Context;
import com.pulumi.core.Output;
import dev.citadel.plan.Plan;
import dev.citadel.plan.PlanRunner;
import dev.citadel.plan.Registration;
import dev.citadel.secrets.PasswordPolicy;
import dev.citadel.secrets.SecretRef;
import dev.citadel.secrets.SecretStoreRef;
import dev.citadel.secrets.VaultBackedSecret;
import dev.citadel.secrets.VaultBackedSecretArgs;
import dev.citadel.value.Redacted;

import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Seed 004's RDS and its two app users, for plans and for the real PostgreSQL; test-only plumbing. */
final class RdsPlans {
    static final String HOST = "goldenpath-dev-goldenpath-platform-db.cxmcacaams2q.eu-west-2.rds.amazonaws.com";
    static final String NAMESPACE = "platform-db";
    /** Stands in for the master password a person sets with pulumi config set --secret. */
    static final String MASTER_CANARY = "canary-rds-master-3c9d1e";
    static final SecretRef MASTER_REF = SecretRef.of(NAMESPACE, "rds-master", "password");
    /** AWS's RDS CA bundle, put in a ConfigMap of the Job's namespace by the user. */
    static final CaBundle CA = CaBundle.configMap("rds-ca", "global-bundle.pem");

    private RdsPlans() {
    }

    static Plan plan(Consumer<Context> program) {
        return new PlanRunner("citadel", "test", Map.of(), Set.of()).run(program);
    }

    static Credential master() {
        return Credential.of(MASTER_REF, Output.ofSecret(MASTER_CANARY), "0");
    }

    /** The app's password: generated once, in Vault, synced into the Job's namespace. */
    static VaultBackedSecret appSecret(String name, String rotation) {
        return new VaultBackedSecret(name, VaultBackedSecretArgs.builder()
                .store(SecretStoreRef.cluster("vault-kv", "secret"))
                .path("database/" + name)
                .generate("password", PasswordPolicy.alphanumeric(32))
                .rotation(rotation)
                .syncTo(NAMESPACE)
                .build());
    }

    /** keycloak_app owning keycloak on seed 004's PostgreSQL 15.15 RDS. */
    static RdsAppUserArgs.Builder keycloak(Credential password) {
        return RdsAppUserArgs.builder()
                .host(HOST).engineVersion("15.15")
                .masterUser("postgres").masterPassword(master())
                .user("keycloak_app").password(password)
                .database("keycloak");
    }

    /** backstage_app owning backstage_plugin_catalog, with CREATEDB for its per-plugin databases. */
    static RdsAppUserArgs.Builder backstage(Credential password) {
        return keycloak(password).user("backstage_app").database("backstage_plugin_catalog").createDatabase(true);
    }

    static Credential someRef() {
        return Credential.of(SecretRef.of(NAMESPACE, "keycloak-db", "password"), Output.ofSecret("x"), "0");
    }

    static IllegalArgumentException rejection(Supplier<?> build) {
        try {
            build.get();
        } catch (IllegalArgumentException e) {
            return e;
        }
        throw new AssertionError("expected the args to be rejected, but they were accepted");
    }

    static Registration only(Plan plan, String type) {
        var found = plan.ofType(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + ", found " + found.size());
        }
        return found.get(0);
    }

    static Object plain(Registration r, String input) {
        return Redacted.plain(r.inputs().get(input));
    }
}
