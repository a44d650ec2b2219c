package dev.citadel.identity;

import com.pulumi.core.annotations.Import;
import dev.citadel.config.Doc;
import dev.citadel.contract.KeycloakObjects;
import dev.citadel.config.Inputs;
import dev.citadel.config.ScalarForm;
import dev.citadel.config.Scope;
import dev.citadel.secrets.SecretRef;
import dev.citadel.secrets.SecretValues;
import dev.citadel.secrets.VaultBackedSecret;

import java.util.List;

/** {@code citadel:identity.realm}: a {@link KeycloakRealm} in the Keycloak of {@code citadel:identity.keycloak}. */
@Doc("A Keycloak realm Citadel manages: groups, clients and Google sign-in.")
public final class KeycloakRealmInputs extends Inputs {
    @Import(name = "name", required = true) @Doc("The realm's name; the issuer is <keycloak url>/realms/<name>.")
    private String name;
    @Import(name = "displayName") @Doc("The name on the login page; default the realm's name.")
    private String displayName;
    @Import(name = "groups") @Doc("Groups: a name, or {name, groups} for sub-groups.")
    private List<RealmGroup> groups;
    @Import(name = "defaultGroups") @Doc("Groups every new user joins.")
    private List<String> defaultGroups;
    @Import(name = "clients") @Doc("OIDC clients: {kubernetesCli: <id>}, {web: <id>, secret} or {browser: <id>}.")
    private List<RealmClient> clients;
    @Import(name = "google") @Doc("Google as an identity provider, its credentials in a citadel:secrets entry.")
    private Google google;
    @Import(name = "target") @Doc("import (default): the operator's KeycloakRealmImport, which creates the realm once and never "
            + "updates it; managed: resources pulumi up creates, updates and deletes (needs keycloak.admin).")
    private String target;
    @Import(name = "adopt") @Doc("target managed, the realm exists already: import it and these objects instead of creating them.")
    private RealmAdoptInputs adopt;

    public String name() {
        return name;
    }

    /** {@code keycloak}: the Keycloak instance the realm is imported into. */
    public KeycloakRealmArgs toArgs(Scope scope, KeycloakInstance keycloak) {
        return toArgs(scope, keycloak, List.of());
    }

    /** The ids of the clients written here: the realm's own, which another section's clients must not take. */
    public List<String> clientIds() {
        return clients.stream().map(RealmClient::id).filter(java.util.Objects::nonNull).toList();
    }

    /** {@code more}: clients other sections need in the realm (the gateway's), added after the realm's own. */
    public KeycloakRealmArgs toArgs(Scope scope, KeycloakInstance keycloak, List<OidcClient> more) {
        var b = KeycloakRealmArgs.builder().realm(name);
        keycloak.apply(b);
        ifSet(displayName, b::displayName);
        b.groups(groups.stream().map(RealmGroup::group).toArray(Group[]::new));
        defaultGroups.forEach(b::defaultGroups);
        clients.forEach(c -> b.client(c.client(scope, keycloak.namespace)));
        more.forEach(b::client);
        if (google != null) {
            b.google(google.provider(scope, keycloak.namespace));
        }
        b.target(target(scope, keycloak));
        return build(b::build);
    }

    private RealmTarget target(Scope scope, KeycloakInstance keycloak) {
        if (target == null || target.equals(KeycloakObjects.TARGET_IMPORT)) {
            if (adopt != null) {
                throw fail("adopt", ": only target: managed adopts a live realm (the operator's import never touches one "
                        + "that exists); set target: managed, or drop adopt");
            }
            if (keycloak.admin != null) {
                throw keycloak.fail("admin", ": only realm.target: managed logs in to the admin API, so this would be ignored; "
                        + "set realm.target: managed, or drop admin");
            }
            return RealmTarget.operatorImport();
        }
        if (!target.equals(KeycloakObjects.TARGET_MANAGED)) {
            throw fail("target", ": '" + dev.citadel.config.Plain.shown(target) + "' is not a target; use managed or import");
        }
        if (keycloak.admin == null) {
            throw keycloak.fail("admin", " is missing; target: managed logs in to Keycloak's admin API: add "
                    + "admin: {clientId: citadel-admin, secret: <a secret setting>} there");
        }
        var managed = RealmTarget.managed(keycloak.admin.connection(scope),
                SecretValues.of(scope.entries("secrets", VaultBackedSecret.class).values()));
        return adopt == null ? managed : managed.adopting(adopt.adoption());
    }

    /** The key {@code key} of the citadel:secrets entry {@code owner.secret}, as synced into the realm's namespace. */
    static SecretRef secret(Inputs owner, Scope scope, String entry, String namespace, String key) {
        var s = scope.entry(owner, "secret", "secrets", VaultBackedSecret.class, entry);
        return owner.build("secret", () -> s.ref(namespace, key));
    }

    @Doc("The Keycloak instance the realm goes to (imported by its operator, or managed through its admin API).")
    public static final class KeycloakInstance extends Inputs {
        @Import(name = "url", required = true) @Doc("Keycloak's public https URL, e.g. https://sso.example.org.")
        private String url;
        @Import(name = "namespace", required = true) @Doc("The namespace of the Keycloak custom resource.")
        private String namespace;
        @Import(name = "instance") @Doc("The Keycloak custom resource's name; default keycloak.")
        private String instance;
        @Import(name = "admin") @Doc("realm.target managed: how Pulumi logs in to Keycloak's admin API.")
        private KeycloakAdminInputs admin;

        /** The {@code citadel:} secret settings the admin login reads. */
        public List<String> secretSettings() {
            return admin == null ? List.of() : admin.secretSettings();
        }

        /** The namespace of Keycloak, where the realm's client secrets must be synced. */
        public String namespace() {
            return namespace;
        }

        void apply(KeycloakRealmArgs.Builder b) {
            b.keycloakUrl(url).namespace(namespace);
            ifSet(instance, b::keycloakCr);
        }
    }

    @Doc("A group: its name, or {name, groups} with sub-groups.")
    public static final class RealmGroup extends Inputs implements ScalarForm {
        @Import(name = "name", required = true) @Doc("The group's name.")
        private String name;
        @Import(name = "groups") @Doc("Its sub-groups.")
        private List<RealmGroup> groups;

        @Override
        public void fromScalar(String value) {
            this.name = value;
            this.groups = List.of();
        }

        Group group() {
            return groups.isEmpty() ? Group.of(name) : new Group(name, groups.stream().map(RealmGroup::group).toList());
        }
    }

    @Doc("An OIDC client: exactly one of kubernetesCli, web or browser names its id.")
    public static final class RealmClient extends Inputs {
        @Import(name = "kubernetesCli") @Doc("The public client kubectl logs in with (kubelogin).")
        private String kubernetesCli;
        @Import(name = "web") @Doc("A confidential web client; its secret is the entry's key (default clientSecret).")
        private String web;
        @Import(name = "browser") @Doc("A public browser client (PKCE).")
        private String browser;
        @Import(name = "secret") @Doc("web: the citadel:secrets entry holding the client secret.")
        private String secret;
        @Import(name = "key") @Doc("web: the key of that entry; default clientSecret.")
        private String key;
        @Import(name = "name") @Doc("The client's display name.")
        private String name;
        @Import(name = "redirectUris") @Doc("Allowed redirect URIs.")
        private List<String> redirectUris;
        @Import(name = "webOrigins") @Doc("Allowed web origins (CORS).")
        private List<String> webOrigins;

        String id() {
            return kubernetesCli != null ? kubernetesCli : web != null ? web : browser;
        }

        OidcClient client(Scope scope, String namespace) {
            OidcClient client;
            if (kubernetesCli != null) {
                client = OidcClient.kubernetesCli(kubernetesCli);
            } else if (web != null) {
                if (secret == null) {
                    throw fail("secret", " is missing; add 'secret: ...' there");
                }
                client = OidcClient.web(web, KeycloakRealmInputs.secret(this, scope, secret, namespace, key == null ? "clientSecret" : key));
            } else if (browser != null) {
                client = OidcClient.browser(browser);
            } else {
                throw mistake(": say which kind of client: kubernetesCli: <id>, web: <id> (with secret) or browser: <id>");
            }
            if (!redirectUris.isEmpty()) {
                client = client.withRedirectUris(redirectUris.toArray(String[]::new));
            }
            if (!webOrigins.isEmpty()) {
                client = client.withWebOrigins(webOrigins.toArray(String[]::new));
            }
            return name == null ? client : client.withName(name);
        }
    }

    @Doc("Google sign-in; the client id and secret are keys of a citadel:secrets entry synced to the realm's namespace.")
    public static final class Google extends Inputs {
        @Import(name = "secret", required = true) @Doc("The citadel:secrets entry holding the OAuth client's id and secret.")
        private String secret;
        @Import(name = "clientIdKey") @Doc("Its key holding the client id; default clientId.")
        private String clientIdKey;
        @Import(name = "clientSecretKey") @Doc("Its key holding the client secret; default clientSecret.")
        private String clientSecretKey;
        @Import(name = "hostedDomain") @Doc("Only accounts of this Google Workspace domain may sign in.")
        private String hostedDomain;

        GoogleIdentityProvider provider(Scope scope, String namespace) {
            var google = GoogleIdentityProvider.of(
                    secret(this, scope, secret, namespace, clientIdKey == null ? "clientId" : clientIdKey),
                    secret(this, scope, secret, namespace, clientSecretKey == null ? "clientSecret" : clientSecretKey));
            return hostedDomain == null ? google : google.withHostedDomain(hostedDomain);
        }
    }
}
