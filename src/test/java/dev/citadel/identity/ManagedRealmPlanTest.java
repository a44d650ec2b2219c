package dev.citadel.identity;

import com.pulumi.core.Output;
import dev.citadel.plan.Plan;
import dev.citadel.plan.Registration;
import dev.citadel.provider.KeycloakAudienceMapper;
import dev.citadel.provider.KeycloakClientDefaultScopes;
import dev.citadel.provider.KeycloakClientOptionalScopes;
import dev.citadel.provider.KeycloakClientScope;
import dev.citadel.provider.KeycloakDefaultGroups;
import dev.citadel.provider.KeycloakGoogleIdentityProvider;
import dev.citadel.provider.KeycloakGroup;
import dev.citadel.provider.KeycloakGroupMembershipMapper;
import dev.citadel.provider.KeycloakOpenidClient;
import dev.citadel.provider.KeycloakRealmDefaultScopes;
import dev.citadel.provider.KeycloakRealmOptionalScopes;
import dev.citadel.provider.KeycloakRealmResource;
import dev.citadel.provider.Plugin;
import dev.citadel.report.PlanReport;
import dev.citadel.secrets.SecretStoreRef;
import dev.citadel.secrets.SecretValues;
import dev.citadel.secrets.VaultBackedSecret;
import dev.citadel.secrets.VaultBackedSecretArgs;
import dev.citadel.testing.PulumiSchema;
import dev.citadel.value.Prop;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static dev.citadel.identity.IdentityPlans.GOOGLE_SECRET_CANARY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The managed target as {@code citadel plan} records it: resources the pulumi-keycloak 6.13.0 schema accepts, on the
 * realm's own provider at the pinned version, secrets written [secret], and, adopting a live realm, the provider's
 * import ids on every object that exists.
 */
class ManagedRealmPlanTest {
    static final String GRAFANA_CANARY = "canary-grafana-client-secret-51d0";
    static final String ADMIN_CANARY = "canary-keycloak-admin-secret-9a2c";
    static final PulumiSchema KEYCLOAK = PulumiSchema.load("keycloak", "/keycloak/pulumi-keycloak-6.13.0-subset.json");
    static final RealmAdoption ADOPTION = RealmAdoption.realmOnly()
            .withGroup("admin", "6f1c2a9e-1111-4000-8000-000000000001")
            .withGroup("dba-lead", "6f1c2a9e-1111-4000-8000-000000000002")
            .withClient("kubernetes", "0b2e4c1d-2222-4000-8000-000000000001")
            .withClient("api", "0b2e4c1d-2222-4000-8000-000000000002")
            .withClientScope("groups", "9a7d3e2f-3333-4000-8000-000000000001")
            .withMapper("groups", "groups")
            .withMapper("api", "audience api")
            .withIdentityProvider("google");
    private static Plan plan;

    @BeforeAll
    static void planAdoptedRealm() {
        plan = IdentityPlans.plan(ctx -> {
            var google = IdentityPlans.googleOauth(RealmRenderings.NAMESPACE);
            var grafana = new VaultBackedSecret("grafana-oidc", VaultBackedSecretArgs.builder()
                    .store(SecretStoreRef.cluster("vault-kv", "secret")).path("gateway/grafana-oidc")
                    .value("client-secret", Output.ofSecret(GRAFANA_CANARY)).syncTo(RealmRenderings.NAMESPACE).build());
            var connection = KeycloakConnection.serviceAccount("citadel-admin").withCredential(Output.ofSecret(ADMIN_CANARY));
            var target = RealmTarget.managed(connection, SecretValues.of(List.of(google, grafana))).adopting(ADOPTION);
            var realm = new KeycloakRealm("platform", ManagedRealmEquivalenceTest.realm().target(target).build());
            ctx.export("target", realm.target());
            ctx.export("realmJson", realm.realmJson());
        });
    }

    private static List<Registration> keycloak() {
        return plan.resources().stream().filter(r -> r.custom() && r.pkg().equals("keycloak")).toList();
    }

    private static Registration named(String name) {
        return plan.resources().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no " + name));
    }

    @Test
    void everyResourceConformsToTheVendoredPulumiKeycloakSchema() {
        assertThat(keycloak()).extracting(Registration::type).contains(KeycloakRealmResource.TYPE, KeycloakGroup.TYPE,
                KeycloakDefaultGroups.TYPE, KeycloakClientScope.TYPE, KeycloakGroupMembershipMapper.TYPE, KeycloakOpenidClient.TYPE,
                KeycloakClientDefaultScopes.TYPE, KeycloakClientOptionalScopes.TYPE, KeycloakAudienceMapper.TYPE,
                KeycloakGoogleIdentityProvider.TYPE, KeycloakRealmDefaultScopes.TYPE, KeycloakRealmOptionalScopes.TYPE,
                "pulumi:providers:keycloak");
        for (var r : keycloak()) {
            assertThat(KEYCLOAK.failures(r)).as(r.name()).isEmpty();
        }
    }

    @Test
    void theConformanceCheckCatchesWhatTheProviderWouldRefuse() {
        assertThat(KEYCLOAK.failures(KeycloakGroup.TYPE, Map.of("name", "admin")))
                .containsExactly("keycloak:index/group:Group lacks required input 'realmId'");
        assertThat(KEYCLOAK.failures(KeycloakOpenidClient.TYPE, Map.of("realmId", "r", "accessType", "PUBLIC", "redirectUris", List.of())))
                .containsExactly("keycloak:openid/client:Client has no input 'redirectUris'");
        assertThat(KEYCLOAK.failures(KeycloakOpenidClient.TYPE, Map.of("realmId", "r", "accessType", "CONFIDENTIAL", "clientSecret", "plain")))
                .containsExactly("keycloak:openid/client:Client.clientSecret is a secret input but is not marked secret");
        assertThat(KEYCLOAK.failures(KeycloakRealmResource.TYPE, Map.of("securityDefenses", Map.of("bruteForceDetection", Map.of("failureFactor", 10)))))
                .containsExactly("keycloak:index/realm:Realm.securityDefenses.bruteForceDetection has no input 'failureFactor'");
        assertThat(KEYCLOAK.failures("keycloak:index/realm:Realms", Map.of())).hasSize(1);
    }

    @Test
    void everyManagedResourceRunsOnTheRealmsOwnProviderAtThePinnedVersion() {
        var provider = named("platform-keycloak");
        assertThat(provider.type()).isEqualTo("pulumi:providers:keycloak");
        for (var r : keycloak()) {
            if (!r.isProvider()) {
                assertThat(r.provider()).as(r.name()).contains(provider.urn());
                assertThat(r.name()).startsWith("platform-");
            }
            assertThat(r.version()).as(r.name()).contains(Plugin.KEYCLOAK.version());
        }
        assertThat(plan.ofType(IdentityPlans.REALM_IMPORT)).isEmpty();
        assertThat(plan.outputs().get("target").string()).contains("managed");
        assertThat(plan.outputs().get("realmJson").string().orElseThrow()).contains("\"realm\": \"platform\"", "${CLIENT_GRAFANA_SECRET}");
    }

    @Test
    void secretsAreWrittenSecretAndAppearNowhereInThePlan() {
        assertThat(named("platform-client-grafana").inputs().get("clientSecret")).isInstanceOf(Prop.Secret.class);
        assertThat(named("platform-google").inputs().get("clientSecret")).isInstanceOf(Prop.Secret.class);
        assertThat(named("platform-keycloak").inputs().get("clientSecret")).isInstanceOf(Prop.Secret.class);
        var report = new PlanReport(plan, List.of(), 0);
        for (var text : List.of(report.text(), report.json(), report.markdown())) {
            assertThat(text).doesNotContain(GRAFANA_CANARY, GOOGLE_SECRET_CANARY, ADMIN_CANARY);
        }
        assertThat(report.json()).contains("\"clientSecret\": \"[secret]\"");
    }

    @Test
    void adoptingTheLiveRealmImportsItAndEachNamedObjectByTheProvidersIdAndCreatesTheRest() {
        var ids = new TreeMap<String, Optional<String>>();
        keycloak().forEach(r -> ids.put(r.name(), r.options().importId()));
        assertThat(ids).containsEntry("platform-realm", Optional.of("platform"))
                .containsEntry("platform-group-admin", Optional.of("platform/6f1c2a9e-1111-4000-8000-000000000001"))
                .containsEntry("platform-group-dba-lead", Optional.of("platform/6f1c2a9e-1111-4000-8000-000000000002"))
                .containsEntry("platform-group-sre", Optional.empty())
                .containsEntry("platform-default-groups", Optional.of("platform"))
                .containsEntry("platform-realm-default-scopes", Optional.of("platform"))
                .containsEntry("platform-realm-optional-scopes", Optional.of("platform"))
                .containsEntry("platform-scope-groups", Optional.of("platform/9a7d3e2f-3333-4000-8000-000000000001"))
                .containsEntry("platform-scope-groups-mapper", Optional.of("platform/client-scope/9a7d3e2f-3333-4000-8000-000000000001/name/groups"))
                .containsEntry("platform-client-kubernetes", Optional.of("platform/0b2e4c1d-2222-4000-8000-000000000001"))
                .containsEntry("platform-client-grafana", Optional.empty())
                .containsEntry("platform-client-api-audience", Optional.of("platform/client/0b2e4c1d-2222-4000-8000-000000000002/name/audience%20api"))
                // The provider cannot import a client's scope sets: they are written whole, as if new.
                .containsEntry("platform-client-kubernetes-default-scopes", Optional.empty())
                .containsEntry("platform-google", Optional.of("platform/google"))
                .containsEntry("platform-keycloak", Optional.empty());
    }

    /**
     * Pulumi's import of an object Keycloak does not have stops the whole {@code pulumi up}: a mapper or Google that the
     * adopt block does not list as live is created, whatever its client, scope or realm is adopted under.
     */
    @Test
    void aMapperOrIdentityProviderTheAdoptBlockDoesNotListAsLiveIsCreatedNotImported() {
        var realmOnlyObjects = IdentityPlans.plan(ctx -> {
            var google = IdentityPlans.googleOauth(RealmRenderings.NAMESPACE);
            var grafana = new VaultBackedSecret("grafana-oidc", VaultBackedSecretArgs.builder()
                    .store(SecretStoreRef.cluster("vault-kv", "secret")).path("gateway/grafana-oidc")
                    .value("client-secret", Output.ofSecret(GRAFANA_CANARY)).syncTo(RealmRenderings.NAMESPACE).build());
            new KeycloakRealm("platform", ManagedRealmEquivalenceTest.realm().target(RealmTarget.managed(
                    KeycloakConnection.serviceAccount("citadel-admin").withCredential(Output.ofSecret(ADMIN_CANARY)), SecretValues.of(List.of(google, grafana)))
                    .adopting(RealmAdoption.realmOnly().withClient("api", "0b2e4c1d-2222-4000-8000-000000000002")
                            .withClientScope("groups", "9a7d3e2f-3333-4000-8000-000000000001"))).build());
        });
        var ids = new TreeMap<String, Optional<String>>();
        realmOnlyObjects.resources().stream().filter(r -> r.type().startsWith("keycloak:"))
                .forEach(r -> ids.put(r.name(), r.options().importId()));
        assertThat(ids).containsEntry("platform-client-api", Optional.of("platform/0b2e4c1d-2222-4000-8000-000000000002"))
                .containsEntry("platform-client-api-audience", Optional.empty())
                .containsEntry("platform-scope-groups", Optional.of("platform/9a7d3e2f-3333-4000-8000-000000000001"))
                .containsEntry("platform-scope-groups-mapper", Optional.empty())
                .containsEntry("platform-google", Optional.empty());
    }

    @Test
    void aLiveMapperOfAnObjectNotAdoptedOrAnUndeclaredIdentityProviderIsRefused() {
        var mapper = IdentityPlans.rejection(() -> KeycloakRealmArgs.builder().keycloakUrl("https://sso.example.com").namespace("identity")
                .realm("platform").groups("admin").client(OidcClient.kubernetesCli())
                .target(RealmTarget.managed(KeycloakConnection.serviceAccount("citadel-admin"), SecretValues.none())
                        .adopting(RealmAdoption.realmOnly().withMapper("kubernetes", "audience kubernetes"))).build());
        assertThat(mapper).hasMessageStartingWith("adopt.mappers: 'kubernetes' is neither an adopted client nor an adopted client scope");
        var provider = IdentityPlans.rejection(() -> KeycloakRealmArgs.builder().keycloakUrl("https://sso.example.com").namespace("identity")
                .realm("platform").groups("admin").client(OidcClient.kubernetesCli())
                .target(RealmTarget.managed(KeycloakConnection.serviceAccount("citadel-admin"), SecretValues.none())
                        .adopting(RealmAdoption.realmOnly().withIdentityProvider("google"))).build());
        assertThat(provider).hasMessageStartingWith("adopt.identityProviders: 'google' is not an identity provider the realm declares (it declares none)");
    }

    @Test
    void nothingIsDeletedTheRealmHoldingTheUsersIsKeptEvenWhenTheComponentGoes() {
        var realm = named("platform-realm");
        assertThat(realm.options().retainOnDelete()).isTrue();
        var text = new PlanReport(plan, List.of(), 0).text();
        assertThat(text).contains(" =   │  ├─ keycloak:index/realm:Realm").contains("= 12 to import (existing objects adopted, not created)");
        assertThat(text).doesNotContain("delete", "replace");
        assertThat(new PlanReport(plan, List.of(), 0).json()).contains("\"importId\": \"platform\"", "\"import\": 12");
    }

    @Test
    void aSecretTheManagedTargetCannotReadIsRefusedNamingTheClientAndTheFix() {
        var e = IdentityPlans.rejection(() -> ManagedRealmEquivalenceTest.realm()
                .target(RealmTarget.managed(KeycloakConnection.serviceAccount("citadel-admin"), SecretValues.none())).build());
        assertThat(e).hasMessageContaining("client 'grafana'").hasMessageContaining("secret identity/grafana-oidc[client-secret]")
                .hasMessageContaining("SecretValues.of(");
    }

    @Test
    void anAdoptedObjectTheRealmDoesNotDeclareIsRefused() {
        var e = IdentityPlans.rejection(() -> ManagedRealmEquivalenceTest.realm()
                .target(RealmTarget.managed(KeycloakConnection.serviceAccount("citadel-admin"), SecretValues.none())
                        .adopting(RealmAdoption.realmOnly().withClientScope("profile", "abc"))).build());
        assertThat(e).hasMessageContaining("client 'grafana'");
        var builtIn = IdentityPlans.rejection(() -> KeycloakRealmArgs.builder().keycloakUrl("https://sso.example.com").namespace("identity")
                .realm("platform").groups("admin").client(OidcClient.kubernetesCli())
                .target(RealmTarget.managed(KeycloakConnection.serviceAccount("citadel-admin"), SecretValues.none())
                        .adopting(RealmAdoption.realmOnly().withClientScope("profile", "abc"))).build());
        assertThat(builtIn).hasMessageStartingWith("adopt.clientScopes: 'profile' is one of Keycloak's built-in scopes");
        var ghost = IdentityPlans.rejection(() -> KeycloakRealmArgs.builder().keycloakUrl("https://sso.example.com").namespace("identity")
                .realm("platform").groups("admin").client(OidcClient.kubernetesCli())
                .target(RealmTarget.managed(KeycloakConnection.serviceAccount("citadel-admin"), SecretValues.none())
                        .adopting(RealmAdoption.realmOnly().withClient("grafana", "0b2e"))).build());
        assertThat(ghost).hasMessageStartingWith("adopt.clients: 'grafana' is not a client the realm declares (it declares [kubernetes])");
    }
}
