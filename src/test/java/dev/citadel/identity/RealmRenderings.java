package dev.citadel.identity;

import com.pulumi.core.Output;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import dev.citadel.secrets.SecretRef;
import dev.citadel.secrets.SecretValues;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/** Renders one realm on both targets under the Pulumi SDK's mocks and reduces each to its {@link RealmViews view}. */
final class RealmRenderings {
    static final String NAMESPACE = "identity";

    private RealmRenderings() {
    }

    /** What the engine received for one realm on one target. */
    record Rendering(List<Mocks.ResourceArgs> resources, Map<String, String> secretRefs) {
        @SuppressWarnings("unchecked")
        Map<String, Object> importView() {
            var realmImport = RealmViews.of(resources, IdentityPlans.REALM_IMPORT);
            if (realmImport.size() != 1) {
                throw new AssertionError("expected one KeycloakRealmImport, found " + realmImport.size());
            }
            return RealmViews.fromImport((Map<String, Object>) realmImport.get(0).inputs.get("spec"), NAMESPACE);
        }

        Map<String, Object> managedView() {
            return RealmViews.fromManaged(resources, secretRefs);
        }
    }

    /**
     * Builds the realm with {@code target} (given a connection and the values of every secret the realm names, each
     * a distinct value that maps back to its ref) and registers it under the mocks.
     */
    static Rendering render(KeycloakRealmArgs.Builder realm, Function<SecretValues, RealmTarget> target) {
        var mocks = new Recording();
        var secretRefs = new TreeMap<String, String>();
        com.pulumi.test.TestResult result;
        try {
            result = PulumiTest.withMocks(mocks).runTest(ctx -> {
            var probe = realm.build();
            var values = SecretValues.none();
            for (var ref : refs(probe)) {
                var value = "value of " + ref;
                secretRefs.put(value, ref.namespace() + "/" + ref.name() + "[" + ref.key() + "]");
                values = values.with(ref, Output.of(value));
            }
            new KeycloakRealm(probe.realm(), realm.target(target.apply(values)).build());
            });
        } finally {
            PulumiTest.cleanup();
        }
        if (!result.exceptions().isEmpty()) {
            throw new AssertionError("the program failed", result.exceptions().get(0));
        }
        return new Rendering(List.copyOf(mocks.created), secretRefs);
    }

    static Rendering managed(KeycloakRealmArgs.Builder realm) {
        return render(realm, values -> RealmTarget.managed(KeycloakConnection.serviceAccount("citadel-admin"), values));
    }

    static Rendering imported(KeycloakRealmArgs.Builder realm) {
        return render(realm, values -> RealmTarget.operatorImport());
    }

    private static List<SecretRef> refs(KeycloakRealmArgs args) {
        var refs = new java.util.ArrayList<SecretRef>();
        args.clients().forEach(c -> c.access().secret().ifPresent(refs::add));
        args.google().ifPresent(g -> {
            refs.add(g.clientId());
            refs.add(g.clientSecret());
        });
        return refs;
    }

    static final class Recording implements Mocks {
        final ConcurrentLinkedQueue<ResourceArgs> created = new ConcurrentLinkedQueue<>();

        @Override
        public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
            created.add(args);
            return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name + "-id"), args.inputs));
        }

        List<ResourceArgs> of(String type) {
            return RealmViews.of(created, type);
        }
    }
}
