package dev.citadel.wiring;

import com.pulumi.resources.ComponentResourceOptions;
import dev.citadel.authentik.AuthentikRelease;
import dev.citadel.authentik.AuthentikReleaseArgs;
import dev.citadel.database.Backup;
import dev.citadel.database.Bootstrap;
import dev.citadel.database.CnpgCluster;
import dev.citadel.database.CnpgClusterArgs;
import dev.citadel.database.Pooler;
import dev.citadel.database.PostgresConnection;
import dev.citadel.database.Role;
import dev.citadel.database.SslMode;
import dev.citadel.plan.PlanRunner;
import dev.citadel.policy.PackConfig;
import dev.citadel.policy.PolicyEngine;
import dev.citadel.policy.PolicyResource;
import dev.citadel.policy.Violation;
import dev.citadel.policy.rules.PolicyPack;
import dev.citadel.secrets.PasswordPolicy;
import dev.citadel.secrets.SecretRef;
import dev.citadel.secrets.SecretStoreRef;
import dev.citadel.secrets.VaultBackedSecret;
import dev.citadel.secrets.VaultBackedSecretArgs;
import dev.citadel.secrets.VaultSecretStore;
import dev.citadel.secrets.VaultSecretStoreArgs;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Platforms built from the components and wired by their contracts (a cluster's connection, a secret's ref, the store's
 * ref) leave references-resolve nothing to say, whatever their shape; one name typed wrong in one place is exactly one
 * finding, naming it. This is the promise of the wiring issue: the parts can reach each other, or the plan says which
 * cannot.
 */
class WiringProperties {
    static final String RENAMED = "renamed-by-hand";

    /** One namespace's apps: its clusters (the first serves authentik when there is one). */
    record App(String namespace, int clusters, Optional<Pooler.Mode> pooler, boolean backup, boolean authentik) {
    }

    /** A mistake a person makes by typing one name instead of taking it from the component that owns it. */
    enum Mutation {
        SECRET_STORE, BACKUP_CREDENTIALS, AUTHENTIK_HOST, AUTHENTIK_SECRET_KEY, ROLE_PASSWORD, NONE
    }

    @Provide
    Arbitrary<List<App>> platforms() {
        var app = Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.of(Pooler.Mode.class).optional(),
                Arbitraries.of(true, false), Arbitraries.of(true, false)).as((n, pooler, backup, authentik) ->
                new App("", n, pooler, backup, authentik));
        return app.list().ofMinSize(1).ofMaxSize(3).map(apps -> {
            var named = new ArrayList<App>();
            for (int i = 0; i < apps.size(); i++) {
                var a = apps.get(i);
                // The first app carries every place a mutation can strike: two clusters, a backup, authentik.
                named.add(i == 0 ? new App("team-a", Math.max(2, a.clusters()), a.pooler(), true, true)
                        : new App("team-" + (char) ('a' + i), a.clusters(), a.pooler(), a.backup(), a.authentik()));
            }
            return List.copyOf(named);
        });
    }

    @Property(tries = 40)
    void aPlatformWiredByContractLeavesNothingToResolve(@ForAll("platforms") List<App> apps) {
        assertThat(findings(apps, Mutation.NONE)).isEmpty();
    }

    @Property(tries = 40)
    void oneNameTypedByHandIsExactlyOneFindingNamingIt(@ForAll("platforms") List<App> apps, @ForAll Mutation mutation) {
        net.jqwik.api.Assume.that(mutation != Mutation.NONE);
        assertThat(findings(apps, mutation)).singleElement().satisfies(v -> assertThat(v.message()).contains(RENAMED)
                .contains("nothing answers it"));
    }

    private static List<Violation> findings(List<App> apps, Mutation mutation) {
        var plan = new PlanRunner("citadel", "wiring", Map.of(), Set.of()).run(ctx -> define(apps, mutation));
        var resources = plan.resources().stream().map(PolicyResource::of).toList();
        return new PolicyEngine(PolicyPack.policies(), PackConfig.empty()).analyzeStack(resources).stream()
                .filter(v -> v.policyId().equals("references-resolve")).toList();
    }

    private static void define(List<App> apps, Mutation mutation) {
        var store = new VaultSecretStore("vault", VaultSecretStoreArgs.builder().vaultServer("https://vault.example.org:8200")
                .readablePaths(List.of("*")).build());
        for (var app : apps) {
            var first = app == apps.get(0);
            var ns = app.namespace();
            var clusters = new ArrayList<CnpgCluster>();
            for (int i = 0; i < app.clusters(); i++) {
                var name = ns + "-db" + i;
                var owner = "app" + i;
                var storeRef = first && i == 0 && mutation == Mutation.SECRET_STORE
                        ? SecretStoreRef.cluster(RENAMED, store.ref().kvMount()) : store.ref();
                var password = new VaultBackedSecret(name + "-owner", Role.passwordSecret(owner, storeRef, ns + "/" + name, ns).build());
                var passwordRef = first && i == 1 && mutation == Mutation.ROLE_PASSWORD
                        ? SecretRef.of(ns, RENAMED, "password") : password.ref(ns, "password");
                var b = CnpgClusterArgs.builder().namespace(ns).instances(1)
                        .bootstrap(Bootstrap.initdb(owner, owner))
                        .role(Role.app(owner, passwordRef));
                app.pooler().ifPresent(mode -> b.pooler(Pooler.rw(mode)));
                var waitFor = new ArrayList<com.pulumi.resources.Resource>(List.of(password));
                if (app.backup()) {
                    var keys = new VaultBackedSecret(name + "-s3", VaultBackedSecretArgs.builder().store(store.ref())
                            .path(ns + "/" + name + "-s3").value("ACCESS_KEY_ID", name).generate("ACCESS_SECRET_KEY")
                            .syncTo(ns).build());
                    var id = first && i == 0 && mutation == Mutation.BACKUP_CREDENTIALS
                            ? SecretRef.of(ns, RENAMED, "ACCESS_KEY_ID") : keys.ref(ns, "ACCESS_KEY_ID");
                    b.backup(Backup.s3Compatible("https://s3.example.org", name + "-backups",
                            Backup.S3Credentials.of(id, id.withKey("ACCESS_SECRET_KEY"))));
                    waitFor.add(keys);
                }
                clusters.add(new CnpgCluster(name, b.build(), ComponentResourceOptions.builder().dependsOn(waitFor).build()));
            }
            if (app.authentik()) {
                authentik(ns, clusters.get(0), store.ref(), first ? mutation : Mutation.NONE);
            }
        }
    }

    private static void authentik(String ns, CnpgCluster db, SecretStoreRef store, Mutation mutation) {
        var secretKey = new VaultBackedSecret(ns + "-authentik-key", VaultBackedSecretArgs.builder().store(store)
                .path(ns + "/authentik-key").generate("AUTHENTIK_SECRET_KEY", PasswordPolicy.alphanumeric(50)).syncTo(ns).build());
        var bootstrap = new VaultBackedSecret(ns + "-authentik-bootstrap", VaultBackedSecretArgs.builder().store(store)
                .path(ns + "/authentik-bootstrap").generate("AUTHENTIK_BOOTSTRAP_TOKEN").syncTo(ns).build());
        var connection = db.connection();
        if (mutation == Mutation.AUTHENTIK_HOST) {
            connection = PostgresConnection.external(RENAMED + "." + ns + ".svc", 5432, connection.database(), connection.user(),
                    connection.password(), SslMode.REQUIRE).withCa(connection.ca().orElseThrow(), SslMode.VERIFY_FULL);
        }
        new AuthentikRelease(ns + "-authentik", AuthentikReleaseArgs.builder().namespace(ns)
                .chartVersion("2026.2.4").image("2026.2.4", "2026.2.4")
                .existingSecret(mutation == Mutation.AUTHENTIK_SECRET_KEY ? RENAMED : secretKey.secretName(ns))
                .bootstrap(bootstrap.ref(ns, "AUTHENTIK_BOOTSTRAP_TOKEN"), null)
                .postgres(connection)
                .build(), ComponentResourceOptions.builder().dependsOn(secretKey, bootstrap, db).build());
    }
}
