package dev.citadel.identity;

import dev.citadel.secrets.SecretRef;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Item 2 over random valid realms: whatever KeycloakRealmArgs a team writes, both targets say the same thing. */
class ManagedRealmEquivalenceProperties {

    /** A valid realm, as a recipe (jqwik shrinks and prints it). */
    record Recipe(List<Group> groups, List<Integer> defaults, List<ClientRecipe> clients, int google, String displayName) {
        KeycloakRealmArgs.Builder builder() {
            var b = KeycloakRealmArgs.builder().keycloakUrl("https://sso.example.com").namespace(RealmRenderings.NAMESPACE)
                    .realm("random").displayName(displayName).groups(groups.toArray(Group[]::new));
            var names = new ArrayList<String>();
            collect(groups, names);
            defaults.stream().filter(i -> i < names.size()).map(names::get).distinct().forEach(b::defaultGroups);
            for (int i = 0; i < clients.size(); i++) {
                b.client(clients.get(i).client("c" + i));
            }
            if (google > 0) {
                var g = GoogleIdentityProvider.of(SecretRef.of(RealmRenderings.NAMESPACE, "google-oauth", "clientId"),
                        SecretRef.of(RealmRenderings.NAMESPACE, "google-oauth", "clientSecret"));
                b.google(google == 2 ? g.withHostedDomain("example.org") : g);
            }
            return b;
        }

        private static void collect(List<Group> groups, List<String> into) {
            groups.forEach(g -> {
                into.add(g.name());
                collect(g.subGroups(), into);
            });
        }
    }

    record ClientRecipe(int kind, int redirects, int origins, boolean ownAudience, int scopes) {
        OidcClient client(String id) {
            var client = switch (kind) {
                case 0 -> OidcClient.kubernetesCli(id);
                case 1 -> OidcClient.web(id, SecretRef.of(RealmRenderings.NAMESPACE, id + "-oidc", "client-secret"));
                default -> OidcClient.browser(id);
            };
            var uris = new ArrayList<String>();
            for (int j = 0; j < redirects; j++) {
                uris.add("https://" + id + ".example.com/cb" + j);
            }
            client = client.withRedirectUris(uris.toArray(String[]::new));
            var webOrigins = new ArrayList<String>();
            for (int j = 0; j < origins; j++) {
                webOrigins.add("https://" + id + j + ".example.com");
            }
            if (!webOrigins.isEmpty()) {
                client = client.withWebOrigins(webOrigins.toArray(String[]::new));
            }
            if (ownAudience) {
                client = client.withOwnAudience();
            }
            return switch (scopes) {
                case 1 -> client.withoutScope(ClientScopes.GROUPS);
                case 2 -> client.withDefaultScopes(ClientScopes.PROFILE, ClientScopes.ROLES).withOptionalScopes(ClientScopes.EMAIL, ClientScopes.OFFLINE_ACCESS);
                case 3 -> client.withOptionalScopes();
                default -> client;
            };
        }
    }

    @Property(tries = 25)
    void bothTargetsAgreeOnEveryRandomValidRealm(@ForAll("realms") Recipe recipe) {
        var imported = RealmRenderings.imported(recipe.builder()).importView();
        var managed = RealmRenderings.managed(recipe.builder()).managedView();
        assertThat(RealmViews.differences(imported, managed, "")).isEmpty();
    }

    @Provide
    Arbitrary<Recipe> realms() {
        var counter = new int[1];
        Arbitrary<Group> leaf = Arbitraries.integers().between(0, 9999).map(i -> Group.of("team " + i));
        Arbitrary<Group> group = Arbitraries.lazyOf(() -> leaf, () -> Combinators.combine(Arbitraries.integers().between(0, 9999),
                leaf.list().ofMaxSize(3)).as((i, kids) -> new Group("dept-" + i, kids)));
        var groups = group.list().ofMinSize(1).ofMaxSize(4).filter(ManagedRealmEquivalenceProperties::uniqueNames);
        var client = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, 2), Arbitraries.of(true, false), Arbitraries.integers().between(0, 3)).as(ClientRecipe::new);
        return Combinators.combine(groups, Arbitraries.integers().between(0, 12).list().ofMaxSize(3), client.list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.integers().between(0, 2), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12)).as(Recipe::new);
    }

    private static boolean uniqueNames(List<Group> groups) {
        var names = new ArrayList<String>();
        Recipe.collect(groups, names);
        return names.size() == names.stream().distinct().count() && depth(groups) <= KeycloakRealmArgs.MAX_GROUP_DEPTH;
    }

    private static int depth(List<Group> groups) {
        return groups.stream().mapToInt(g -> 1 + depth(g.subGroups())).max().orElse(0);
    }
}
