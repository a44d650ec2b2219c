package dev.citadel.identity;

import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import dev.citadel.provider.KeycloakClientScope;
import dev.citadel.provider.KeycloakGroup;
import dev.citadel.provider.KeycloakGroupMembershipMapper;
import dev.citadel.provider.KeycloakOpenidClient;
import dev.citadel.secrets.SecretRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import static dev.citadel.identity.RealmRenderings.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17 item 2: the import rendering (proven against a real Keycloak 26 by the ITs) and the managed rendering of one
 * KeycloakRealmArgs say the same thing, field by field; and the comparison notices a field that differs.
 */
class ManagedRealmEquivalenceTest {

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    /** Nested groups, two default groups, a public, a confidential and an audience client, roles forwarded, Google. */
    static KeycloakRealmArgs.Builder realm() {
        var grafana = SecretRef.of(NAMESPACE, "grafana-oidc", "client-secret");
        return KeycloakRealmArgs.builder().keycloakUrl("https://sso.example.com").namespace(NAMESPACE).realm("platform")
                .displayName("Platform")
                .groups(Group.of("admin"), Group.of("platform", Group.of("sre"), Group.of("dba", Group.of("dba-lead"))), Group.of("user"))
                .defaultGroups("user", "sre")
                .client(OidcClient.kubernetesCli())
                .client(OidcClient.web("grafana", grafana).withRedirectUris("https://grafana.example.com/oauth2/callback")
                        .withName("Grafana"))
                .client(OidcClient.browser("console").withRedirectUris("https://console.example.com/*", "https://console.example.com/cb")
                        .withWebOrigins("https://console.example.com"))
                .client(OidcClient.browser("api").withRedirectUris("https://api.example.com/*").withOwnAudience()
                        .withDefaultScopes(ClientScopes.PROFILE, ClientScopes.EMAIL, ClientScopes.GROUPS, ClientScopes.ROLES))
                .google(GoogleIdentityProvider.of(SecretRef.of(NAMESPACE, "google-oauth", "clientId"),
                        SecretRef.of(NAMESPACE, "google-oauth", "clientSecret")).withHostedDomain("example.com"));
    }

    @Test
    void bothTargetsSayTheSameThingFieldByField() {
        var imported = RealmRenderings.imported(realm()).importView();
        var managed = RealmRenderings.managed(realm()).managedView();

        assertThat(RealmViews.differences(imported, managed, "")).isEmpty();
        // Not two empty views: the comparison covered the realm's substance.
        assertThat(managed).containsEntry("groups", Map.of("admin", "", "platform", "", "sre", "platform", "dba", "platform",
                "dba-lead", "dba", "user", ""));
        assertThat(managed.get("defaultGroups")).isEqualTo(new TreeSet<>(List.of("sre", "user")));
        assertThat(managed.get("clients").toString()).contains("pkce=S256", "secret=identity/grafana-oidc[client-secret]",
                "https://console.example.com/cb", "included.client.audience=api", "roles");
        assertThat(managed.get("identityProviders").toString()).contains("hostedDomain=example.com", "syncMode=IMPORT",
                "clientSecret=identity/google-oauth[clientSecret]", "first broker login");
        assertThat(managed.get("realm").toString()).contains("maxLoginFailures=10", "sslRequired=external");
    }

    @Test
    void theManagedRealmCreatesOnlyTheGroupsScopeAndNamesKeycloaksBuiltInsWhichTheImportDefinesItself() {
        var managed = RealmRenderings.managed(realm());
        var created = RealmViews.of(managed.resources(), KeycloakClientScope.TYPE).stream().map(r -> (String) r.inputs.get("name")).toList();
        assertThat(created).containsExactly(ClientScopes.GROUPS);

        // The import must define the built-ins itself (a realm import listing any scope gets none of Keycloak's); the
        // managed realm gets Keycloak's own. The ones the import defines are exactly those the managed realm relies on.
        var importDefined = new TreeSet<String>();
        new ClientScopes(RealmRepresentation.GROUPS_CLAIM).definitions().forEach(s -> importDefined.add((String) s.get("name")));
        importDefined.removeAll(created);
        var builtIns = new TreeSet<>(RealmViews.KEYCLOAK_BUILT_IN_SCOPES);
        builtIns.remove(ClientScopes.OFFLINE_ACCESS);
        assertThat(importDefined).isEqualTo(builtIns);
        // Every scope a client may name is one the managed realm creates or one Keycloak does.
        var known = new TreeSet<>(ClientScopes.KNOWN);
        known.removeAll(ManagedRealm.CREATED_SCOPES);
        assertThat(known).isEqualTo(new TreeSet<>(RealmViews.KEYCLOAK_BUILT_IN_SCOPES));

        var named = new TreeSet<String>();
        var view = managed.managedView();
        named.addAll((TreeSet<String>) view.get("realmDefaultScopes"));
        named.addAll((TreeSet<String>) view.get("realmOptionalScopes"));
        ((Map<String, Map<String, Object>>) view.get("clients")).values().forEach(c -> {
            named.addAll((TreeSet<String>) c.get("defaultScopes"));
            named.addAll((TreeSet<String>) c.get("optionalScopes"));
        });
        named.removeAll(created);
        assertThat(RealmViews.KEYCLOAK_BUILT_IN_SCOPES).containsAll(named);
        assertThat(named).contains(ClientScopes.ROLES, ClientScopes.PROFILE, ClientScopes.BASIC, ClientScopes.OFFLINE_ACCESS);
    }

    @Test
    void aFieldTheManagedRenderingGotWrongIsNamedByTheComparison() {
        var imported = RealmRenderings.imported(realm()).importView();
        var managed = RealmRenderings.managed(realm());

        assertThat(differencesAfter(imported, managed, KeycloakGroupMembershipMapper.TYPE, "groups", in -> with(in, "fullPath", true)))
                .containsExactly("scopes.groups.mappers.groups.full.path: import false / managed true");
        assertThat(differencesAfter(imported, managed, KeycloakOpenidClient.TYPE, "console",
                in -> with(in, "validRedirectUris", List.of("https://console.example.com/*"))))
                .containsExactly("clients.console.redirectUris: import [https://console.example.com/*, https://console.example.com/cb]"
                        + " / managed [https://console.example.com/*]");
        assertThat(differencesAfter(imported, managed, KeycloakGroup.TYPE, "dba-lead", in -> with(in, "parentId", "platform-group-platform-id")))
                .containsExactly("groups.dba-lead: import dba / managed platform");
        assertThat(differencesAfter(imported, managed, KeycloakOpenidClient.TYPE, "kubernetes", in -> with(in, "pkceCodeChallengeMethod", "plain")))
                .containsExactly("clients.kubernetes.pkce: import S256 / managed plain");
    }

    /** The managed view after one registered resource's inputs were changed. */
    private static List<String> differencesAfter(Map<String, Object> imported, RealmRenderings.Rendering managed, String type,
                                                 String named, UnaryOperator<Map<String, Object>> change) {
        var changed = managed.resources().stream().map(r -> r.type.equals(type) && named.equals(r.inputs.get(type.equals(KeycloakOpenidClient.TYPE) ? "clientId" : "name"))
                ? new Mocks.ResourceArgs(r.type, r.name, change.apply(r.inputs), r.provider, r.id) : r).toList();
        assertThat(changed).isNotEqualTo(managed.resources());
        return RealmViews.differences(imported, RealmViews.fromManaged(changed, managed.secretRefs()), "");
    }

    private static Map<String, Object> with(Map<String, Object> inputs, String key, Object value) {
        var copy = new HashMap<>(inputs);
        copy.put(key, value);
        return copy;
    }
}
