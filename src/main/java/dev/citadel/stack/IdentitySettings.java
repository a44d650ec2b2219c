package dev.citadel.stack;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.Resource;
import dev.citadel.identity.ApiServer;
import dev.citadel.identity.GoogleIdentityProvider;
import dev.citadel.identity.Group;
import dev.citadel.identity.IdpContract;
import dev.citadel.identity.KeycloakRealm;
import dev.citadel.identity.KeycloakRealmArgs;
import dev.citadel.identity.OidcClient;
import dev.citadel.identity.OidcContract;
import dev.citadel.identity.OidcRbac;
import dev.citadel.identity.OidcRbacArgs;
import dev.citadel.secrets.SecretRef;
import dev.citadel.secrets.VaultBackedSecret;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code citadel:identity}: a {@link KeycloakRealm} ({@code keycloak} + {@code realm}) or an external issuer
 * ({@code issuer}), and {@link OidcRbac} ({@code rbac}). See {@code stacks/Pulumi.homelab.yaml}.
 */
final class IdentitySettings {
    private final ConfigNode node;
    private final Map<String, VaultBackedSecret> secrets;
    /** The VaultBackedSecrets the realm reads: the realm import waits for them. */
    private final List<Resource> realmSecrets = new ArrayList<>();

    IdentitySettings(ConfigNode node, Map<String, VaultBackedSecret> secrets) {
        this.node = node;
        this.secrets = secrets;
    }

    /** Registers the components; returns the stack outputs they contribute (none when the section is absent). */
    Map<String, Output<?>> define(String stack, List<ProviderResource> providers) {
        var options = ComponentResourceOptions.builder().providers(providers).build();
        var exports = new LinkedHashMap<String, Output<?>>();
        if (!node.has("realm") && !node.has("issuer") && !node.has("rbac") && !node.has("keycloak")) {
            node.rejectUnknownKeys();
            return exports;
        }
        var rbacArgs = OidcRbacArgs.builder();
        if (node.has("realm")) {
            if (node.has("issuer")) {
                throw new ConfigException(node.path() + ": give either realm (a Keycloak realm Citadel manages) or issuer (another IdP), not both");
            }
            var realmNode = node.get("realm");
            var realmArgs = ConfigException.at(realmNode.path(), () -> realmArgs(realmNode));
            var realm = new KeycloakRealm(realmNode.string("name"), realmArgs,
                    ComponentResourceOptions.builder().providers(providers).dependsOn(realmSecrets).build());
            exports.put("keycloakRealm", Output.tuple(realm.issuerUrl(), realm.jwksUri(), realm.clientIds()).applyValue(t -> {
                var realmExport = new TreeMap<String, Object>();
                realmExport.put("issuerUrl", t.t1);
                realmExport.put("jwksUri", t.t2);
                realmExport.put("clientIds", t.t3);
                return realmExport;
            }));
            var rbac = node.get("rbac");
            var clientId = rbac.string("clientId", OidcClient.KUBERNETES_CLIENT_ID);
            rbacArgs.idp(ConfigException.at(rbac.path() + ".clientId", () -> realm.contract(clientId)));
        } else if (node.has("issuer")) {
            var issuer = node.get("issuer");
            if (node.get("rbac").has("clientId")) {
                throw new ConfigException(node.path() + ".rbac.clientId: with issuer, the client id is issuer.clientId; "
                        + "rbac.clientId picks a client of a Keycloak realm");
            }
            rbacArgs.idp(idp(issuer));
        } else {
            throw new ConfigException(node.path() + ": rbac needs an identity provider: add realm (Keycloak) or issuer (another IdP)");
        }
        if (!node.has("rbac")) {
            node.rejectUnknownKeys();
            return exports;
        }
        var rbac = node.get("rbac");
        var args = ConfigException.at(rbac.path(), bindingKeys(rbac), () -> rbacArgs(rbac, rbacArgs));
        var component = new OidcRbac(stack + "-oidc", args, options);
        exports.put(OidcContract.STACK_OUTPUT, component.contract().applyValue(OidcContract::toOutput));
        exports.put("kubeconfigUser", component.kubeconfigUser());
        exports.putAll(component.apiServer().exports());
        node.rejectUnknownKeys();
        return exports;
    }

    private KeycloakRealmArgs realmArgs(ConfigNode realm) {
        var keycloak = node.get("keycloak");
        var b = KeycloakRealmArgs.builder()
                .keycloakUrl(keycloak.string("url"))
                .namespace(keycloak.string("namespace"))
                .keycloakCr(keycloak.string("instance", "keycloak"))
                .realm(realm.string("name"));
        keycloak.rejectUnknownKeys();
        realm.optString("displayName").ifPresent(b::displayName);
        b.groups(groups(realm.list("groups")).toArray(Group[]::new));
        realm.list("defaultGroups").forEach(g -> b.defaultGroups(g.asString()));
        for (var c : realm.list("clients")) {
            b.client(client(c));
        }
        if (realm.has("google")) {
            var g = realm.get("google");
            var google = GoogleIdentityProvider.of(secret(g, g.string("clientIdKey", "clientId")),
                    secret(g, g.string("clientSecretKey", "clientSecret")));
            if (g.has("hostedDomain")) {
                google = google.withHostedDomain(g.string("hostedDomain"));
            }
            b.google(google);
            g.rejectUnknownKeys();
        }
        realm.rejectUnknownKeys();
        return b.build();
    }

    /** {@code - admin} or {@code - name: platform, groups: [...]}. */
    private static List<Group> groups(List<ConfigNode> nodes) {
        var list = new ArrayList<Group>();
        for (var n : nodes) {
            if (n.plain() instanceof Map) {
                list.add(new Group(n.string("name"), groups(n.list("groups"))));
                n.rejectUnknownKeys();
            } else {
                list.add(Group.of(n.asString()));
            }
        }
        return list;
    }

    private OidcClient client(ConfigNode c) {
        OidcClient client;
        if (c.has("kubernetesCli")) {
            client = OidcClient.kubernetesCli(c.string("kubernetesCli"));
        } else if (c.has("web")) {
            client = OidcClient.web(c.string("web"), secret(c, c.string("key", "clientSecret")));
        } else if (c.has("browser")) {
            client = OidcClient.browser(c.string("browser"));
        } else {
            throw new ConfigException(c.path() + ": say which kind of client: kubernetesCli: <id>, web: <id> (with secret) or browser: <id>");
        }
        var redirects = c.list("redirectUris").stream().map(ConfigNode::asString).toArray(String[]::new);
        if (redirects.length > 0) {
            client = client.withRedirectUris(redirects);
        }
        var origins = c.list("webOrigins").stream().map(ConfigNode::asString).toArray(String[]::new);
        if (origins.length > 0) {
            client = client.withWebOrigins(origins);
        }
        if (c.has("name")) {
            client = client.withName(c.string("name"));
        }
        c.rejectUnknownKeys();
        return client;
    }

    /** The key {@code key} of the named citadel:secrets entry, as synced into the realm's namespace. */
    private SecretRef secret(ConfigNode n, String key) {
        var name = n.string("secret");
        var s = secrets.get(name);
        if (s == null) {
            throw new ConfigException(n.path() + ".secret: no citadel:secrets entry is named '" + name + "' (there are "
                    + new TreeMap<>(secrets).keySet() + "); add one that holds the credentials and syncs to the realm's namespace");
        }
        if (!realmSecrets.contains(s)) {
            realmSecrets.add(s);
        }
        var namespace = node.get("keycloak").string("namespace");
        return ConfigException.at(n.path() + ".secret", () -> s.ref(namespace, key));
    }

    /**
     * {@code issuer}: an IdP Citadel does not manage here (another stack's realm, the company IdP), as the contract
     * it promises: url, clientId, groups, and optionally realm, groupsClaim and defaultGroups (catch-alls).
     */
    private static IdpContract idp(ConfigNode issuer) {
        var groups = issuer.list("groups").stream().map(ConfigNode::asString).toArray(String[]::new);
        var external = IdpContract.external(issuer.string("url"), issuer.string("clientId", OidcClient.KUBERNETES_CLIENT_ID), groups);
        var defaults = issuer.list("defaultGroups").stream().map(ConfigNode::asString).toList();
        var contract = new IdpContract(external.issuerUrl(), issuer.string("realm", ""), external.clientId(), external.redirectUris(),
                external.scopes(), issuer.string("groupsClaim", external.groupsClaim()), external.groups(), defaults, false,
                external.clientIds());
        issuer.rejectUnknownKeys();
        return contract;
    }

    /** Each {@code bindings} entry became {@code bind(group, role)}; its rejection names {@code bindings.<group>}. */
    private static java.util.Map<String, String> bindingKeys(ConfigNode rbac) {
        var keys = new java.util.LinkedHashMap<String, String>();
        if (rbac.has("bindings")) {
            for (var e : rbac.get("bindings").entries()) {
                keys.put("bind(\"" + e.getKey() + "\", \"" + e.getValue() + "\")", "bindings." + e.getKey());
                keys.put("bind(\"" + e.getKey() + "\", ...)", "bindings." + e.getKey());
            }
        }
        return keys;
    }

    private static OidcRbacArgs rbacArgs(ConfigNode rbac, OidcRbacArgs.Builder b) {
        rbac.optString("clientId");
        rbac.optString("usernameClaim").ifPresent(b::usernameClaim);
        rbac.optString("usernamePrefix").ifPresent(b::usernamePrefix);
        rbac.optString("groupsPrefix").ifPresent(b::groupsPrefix);
        rbac.optString("groupsClaim").ifPresent(b::groupsClaim);
        rbac.optString("kubeconfigUser").ifPresent(b::kubeconfigUser);
        var bindings = rbac.get("bindings").entries();
        for (var e : bindings) {
            b.bind(e.getKey(), e.getValue());
        }
        var target = rbac.string("apiServer");
        switch (target) {
            case "talos" -> b.apiServer(ApiServer.talos());
            case "kubeadm" -> b.apiServer(ApiServer.kubeadm());
            case "authentication-configuration" -> b.apiServer(ApiServer.authenticationConfiguration());
            case "authentication-configuration-v1beta1" -> b.apiServer(ApiServer.authenticationConfigurationV1beta1());
            case "eks" -> b.apiServer(ApiServer.eks(rbac.string("eksCluster")));
            default -> throw new ConfigException(rbac.path() + ".apiServer: '" + target
                    + "' is not a target; use talos, kubeadm, authentication-configuration (v1, Kubernetes 1.34+), authentication-configuration-v1beta1 or eks");
        }
        rbac.rejectUnknownKeys();
        if (bindings.isEmpty()) {
            throw new ConfigException(rbac.path() + ".bindings is missing; map realm groups to ClusterRoles, e.g. "
                    + "bindings: {admin: cluster-admin, user: view}; without them every OIDC user is Forbidden everywhere");
        }
        return b.build();
    }
}
