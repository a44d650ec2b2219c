package dev.citadel.identity;

import dev.citadel.secrets.SecretRef;

import com.google.gson.GsonBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keycloak's RealmRepresentation for a {@link KeycloakRealmArgs}, plus the operator placeholders that fill its
 * secrets in. Secrets appear only as {@code ${NAME}} placeholders, so the JSON is safe to print, diff and
 * import into any Keycloak ({@code kc.sh import} substitutes them from the environment).
 */
final class RealmRepresentation {
    /** Groups claim the realm's mapper writes; OidcRbac reads the same constant. */
    static final String GROUPS_CLAIM = "groups";

    private final KeycloakRealmArgs args;
    private final Map<String, Map<String, Object>> placeholders = new TreeMap<>();
    private final Map<String, Object> realm;

    RealmRepresentation(KeycloakRealmArgs args) {
        this.args = args;
        this.realm = render();
    }

    Map<String, Object> realm() {
        return realm;
    }

    /** {@code spec.placeholders} of the KeycloakRealmImport: placeholder name to the Secret key it reads. */
    Map<String, Map<String, Object>> placeholders() {
        return placeholders;
    }

    String json() {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(realm) + "\n";
    }

    private Map<String, Object> render() {
        var r = new LinkedHashMap<String, Object>();
        r.put("realm", args.realm());
        r.put("displayName", args.displayName());
        r.put("enabled", true);
        // Plain http only from private addresses (Keycloak's own default, written down so an import never relaxes it).
        r.put("sslRequired", "external");
        // No self-registration form. (A social IdP still creates accounts at first login: see KeycloakRealm.openSignUp.)
        r.put("registrationAllowed", false);
        r.put("loginWithEmailAllowed", true);
        // Email is the Kubernetes user name (oidc-username-claim email): two accounts must never share one.
        r.put("duplicateEmailsAllowed", false);
        r.put("editUsernameAllowed", false);
        // Password guessing against a realm that grants cluster-admin: lock out temporarily after 10 failures.
        r.put("bruteForceProtected", true);
        r.put("permanentLockout", false);
        r.put("failureFactor", 10);
        r.put("waitIncrementSeconds", 60);
        r.put("maxFailureWaitSeconds", 900);
        r.put("maxDeltaTimeSeconds", 43200);
        r.put("minimumQuickLoginWaitSeconds", 60);
        r.put("quickLoginCheckMilliSeconds", 1000);
        // kube-apiserver is started with --oidc-signing-algs RS256 (seed 000).
        r.put("defaultSignatureAlgorithm", "RS256");
        r.put("groups", groups(args.groups(), ""));
        if (!args.defaultGroups().isEmpty()) {
            var paths = new ArrayList<String>();
            args.defaultGroups().forEach(name -> paths.add(pathOf(args.groups(), name, "")));
            r.put("defaultGroups", paths);
        }
        r.put("clientScopes", new ClientScopes(GROUPS_CLAIM).definitions());
        r.put("defaultDefaultClientScopes", ClientScopes.REALM_DEFAULTS);
        r.put("defaultOptionalClientScopes", List.of(ClientScopes.OFFLINE_ACCESS));
        var clients = new ArrayList<Map<String, Object>>();
        args.clients().forEach(c -> clients.add(client(c)));
        r.put("clients", clients);
        args.google().ifPresent(g -> r.put("identityProviders", List.of(google(g))));
        return r;
    }

    private static List<Map<String, Object>> groups(List<Group> groups, String parent) {
        var list = new ArrayList<Map<String, Object>>();
        for (var g : groups) {
            var m = new LinkedHashMap<String, Object>();
            m.put("name", g.name());
            m.put("path", g.path(parent));
            if (!g.subGroups().isEmpty()) {
                m.put("subGroups", groups(g.subGroups(), g.path(parent)));
            }
            list.add(m);
        }
        return list;
    }

    private static String pathOf(List<Group> groups, String name, String parent) {
        for (var g : groups) {
            if (g.name().equals(name)) {
                return g.path(parent);
            }
            var inner = pathOf(g.subGroups(), name, g.path(parent));
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    private Map<String, Object> client(OidcClient c) {
        var m = new LinkedHashMap<String, Object>();
        m.put("clientId", c.clientId());
        m.put("name", c.name());
        m.put("enabled", true);
        m.put("protocol", "openid-connect");
        m.put("publicClient", c.isPublic());
        // Authorization code only: no implicit flow (tokens in URLs), no password grant (passwords through apps),
        // no service account unless asked for.
        m.put("standardFlowEnabled", true);
        m.put("implicitFlowEnabled", false);
        m.put("directAccessGrantsEnabled", false);
        m.put("serviceAccountsEnabled", false);
        // First-party clients: no consent screen between the login and the app (seed 001's second-screen complaint).
        m.put("consentRequired", false);
        m.put("redirectUris", c.redirectUris());
        if (!c.webOrigins().isEmpty()) {
            m.put("webOrigins", c.webOrigins());
        }
        var attributes = new LinkedHashMap<String, Object>();
        if (c.isPublic()) {
            // A public client's code could be intercepted on the laptop; PKCE binds it to the process that asked.
            attributes.put("pkce.code.challenge.method", "S256");
        } else {
            var conf = (ClientAccess.Confidential) c.access();
            var name = KeycloakRealmArgs.secretPlaceholder(c.clientId());
            placeholder(name, conf.clientSecret());
            m.put("clientAuthenticatorType", "client-secret");
            m.put("secret", "${" + name + "}");
        }
        attributes.put("post.logout.redirect.uris", "+");
        m.put("attributes", attributes);
        m.put("defaultClientScopes", clientDefaultScopes(c));
        m.put("optionalClientScopes", c.optionalScopes());
        if (c.ownAudience()) {
            // Without it Keycloak's access tokens say aud "account", and a gateway checking audiences rejects them all.
            var config = new LinkedHashMap<String, Object>();
            config.put("included.client.audience", c.clientId());
            config.put("id.token.claim", "false");
            config.put("access.token.claim", "true");
            config.put("introspection.token.claim", "true");
            var mapper = new LinkedHashMap<String, Object>();
            mapper.put("name", audienceMapperName(c.clientId()));
            mapper.put("protocol", "openid-connect");
            mapper.put("protocolMapper", "oidc-audience-mapper");
            mapper.put("config", config);
            m.put("protocolMappers", List.of(mapper));
        }
        return m;
    }

    /** A client's default scopes: those every client gets ({@link ClientScopes#ALWAYS}), then its own. */
    static List<String> clientDefaultScopes(OidcClient c) {
        var defaults = new ArrayList<String>(ClientScopes.ALWAYS);
        c.defaultScopes().stream().filter(s -> !defaults.contains(s)).forEach(defaults::add);
        return defaults;
    }

    static String audienceMapperName(String clientId) {
        return "audience " + clientId;
    }

    private Map<String, Object> google(GoogleIdentityProvider g) {
        placeholder("GOOGLE_CLIENT_ID", g.clientId());
        placeholder("GOOGLE_CLIENT_SECRET", g.clientSecret());
        var config = new LinkedHashMap<String, Object>();
        config.put("clientId", "${GOOGLE_CLIENT_ID}");
        config.put("clientSecret", "${GOOGLE_CLIENT_SECRET}");
        config.put("defaultScope", "openid profile email");
        config.put("syncMode", "IMPORT");
        g.hostedDomain().ifPresent(d -> config.put("hostedDomain", d));
        var m = new LinkedHashMap<String, Object>();
        m.put("alias", GoogleIdentityProvider.ALIAS);
        m.put("displayName", "Google");
        m.put("providerId", "google");
        m.put("enabled", true);
        // Google verifies the addresses it issues; the email is what Kubernetes calls the user.
        m.put("trustEmail", true);
        m.put("firstBrokerLoginFlowAlias", "first broker login");
        m.put("config", config);
        return m;
    }

    private void placeholder(String name, SecretRef ref) {
        placeholders.put(name, Map.of("secret", new TreeMap<>(Map.of("name", ref.name(), "key", ref.key()))));
    }
}
