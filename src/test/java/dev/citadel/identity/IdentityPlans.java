package dev.citadel.identity;

import com.pulumi.Context;
import com.pulumi.core.Output;
import dev.citadel.plan.Plan;
import dev.citadel.plan.PlanRunner;
import dev.citadel.plan.Registration;
import com.pulumi.resources.ComponentResourceOptions;
import dev.citadel.secrets.SecretRef;
import dev.citadel.secrets.SecretStoreRef;
import dev.citadel.secrets.VaultBackedSecret;
import dev.citadel.secrets.VaultBackedSecretArgs;
import dev.citadel.value.Prop;

import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Plans identity programs offline; test-only plumbing. */
final class IdentityPlans {
    static final String REALM_IMPORT = "kubernetes:k8s.keycloak.org/v2alpha1:KeycloakRealmImport";
    static final String BINDING = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding";
    static final String EKS = "aws:eks/identityProviderConfig:IdentityProviderConfig";
    /** Stands in for the Google client secret a person sets with pulumi config set --secret. */
    static final String GOOGLE_SECRET_CANARY = "canary-google-client-secret-7f3e9b";

    private IdentityPlans() {
    }

    static Plan plan(Consumer<Context> program) {
        return new PlanRunner("citadel", "test", Map.of(), Set.of()).run(program);
    }

    /** Seed 002's Google credentials, synced to the realm's namespace. */
    static VaultBackedSecret googleOauth(String namespace) {
        return new VaultBackedSecret("google-oauth", VaultBackedSecretArgs.builder()
                .store(SecretStoreRef.cluster("vault-kv", "secret"))
                .path("identity/google-oauth")
                .value("clientId", "homelab-sso.apps.googleusercontent.com")
                .value("clientSecret", Output.ofSecret(GOOGLE_SECRET_CANARY))
                .syncTo(namespace)
                .build());
    }

    /** The Google credentials as the realm reads them: keys of the Secret googleOauth syncs into identity. */
    static final SecretRef GOOGLE_CLIENT_ID = SecretRef.of("identity", "google-oauth", "clientId");
    static final SecretRef GOOGLE_CLIENT_SECRET = GOOGLE_CLIENT_ID.withKey("clientSecret");

    /** Seed 000's realm: five groups, 'user' the catch-all every account joins, the kube client, Google. */
    static KeycloakRealmArgs.Builder homelab() {
        return KeycloakRealmArgs.builder()
                .keycloakUrl("https://sso.homelab.lan")
                .namespace("identity")
                .realm("homelab")
                .displayName("Homelab")
                .groups("admin", "operator", "developer", "viewer", "user")
                .defaultGroups("user")
                .client(OidcClient.kubernetesCli())
                // A Workspace domain: only its accounts can sign in, so the default group may be bound.
                .google(GoogleIdentityProvider.of(GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET).withHostedDomain("homelab.example"));
    }

    /** Seed 000's five bindings. */
    static OidcRbacArgs.Builder seed000(IdpContract realm, ApiServer target) {
        return OidcRbacArgs.builder().idp(realm)
                .bind("admin", GroupBinding.CLUSTER_ADMIN)
                .bind("operator", GroupBinding.EDIT)
                .bind("developer", GroupBinding.EDIT)
                .bind("viewer", GroupBinding.VIEW)
                .bind("user", GroupBinding.VIEW)
                .apiServer(target);
    }

    /** The homelab realm's contract, as KeycloakRealm hands it to OidcRbac: no deployment needed. */
    static IdpContract homelabRealm() {
        return homelab().build().contract(OidcClient.KUBERNETES_CLIENT_ID);
    }

    /** Runs {@code build} (pure: args need no deployment) and returns what it threw, or fails. */
    static IllegalArgumentException rejection(Supplier<?> build) {
        try {
            build.get();
        } catch (IllegalArgumentException e) {
            return e;
        }
        throw new AssertionError("expected the args to be rejected, but they were accepted");
    }

    /** The realm and the secret it reads, in a program: the realm waits for the secret's sync. */
    static KeycloakRealm homelabRealm(Context ctx) {
        var google = googleOauth("identity");
        return new KeycloakRealm("homelab", homelab().build(), ComponentResourceOptions.builder().dependsOn(google).build());
    }

    static Registration only(Plan plan, String type) {
        var found = plan.ofType(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + ", found " + found.size());
        }
        return found.get(0);
    }

    static String str(Prop p) {
        return p.string().orElseThrow(() -> new AssertionError("not a string: " + p));
    }
}
