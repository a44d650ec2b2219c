package dev.citadel.stack;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.citadel.identity.ApiServer;
import dev.citadel.identity.GoogleIdentityProvider;
import dev.citadel.identity.Group;
import dev.citadel.identity.KeycloakRealm;
import dev.citadel.identity.KeycloakRealmArgs;
import dev.citadel.identity.OidcClient;
import dev.citadel.identity.OidcContract;
import dev.citadel.identity.OidcRbac;
import dev.citadel.identity.OidcRbacArgs;
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

    IdentitySettings(ConfigNode node, Map<String, VaultBackedSecret> secrets) {
        this.node = node;
        this.secrets = secrets;
    }

    /** Registers the components; returns the stack outputs they contribute (none when the section is absent). */
    Map<String, Output<?>> define(String stack, ComponentResourceOptions options) {
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
            var realm = new KeycloakRealm(realmNode.string("name"), ConfigException.at(realmNode.path(), () -> realmArgs(realmNode)), options);
            var realmExport = new TreeMap<String, Object>();
            realmExport.put("issuerUrl", realm.issuerUrl());
            realmExport.put("jwksUri", realm.jwksUri());
            realmExport.put("clientIds", realm.clientIds());
            exports.put("keycloakRealm", Output.of(realmExport));
            var rbac = node.get("rbac");
            rbacArgs.realm(realm, rbac.string("clientId", OidcClient.KUBERNETES_CLIENT_ID));
        } else if (node.has("issuer")) {
            var issuer = node.get("issuer");
            if (node.get("rbac").has("clientId")) {
                throw new ConfigException(node.path() + ".rbac.clientId: with issuer, the client id is issuer.clientId; "
                        + "rbac.clientId picks a client of a Keycloak realm");
            }
            var groups = issuer.list("groups").stream().map(ConfigNode::asString).toArray(String[]::new);
            rbacArgs.issuer(issuer.string("url"), issuer.string("clientId", OidcClient.KUBERNETES_CLIENT_ID), groups);
            issuer.rejectUnknownKeys();
        } else {
            throw new ConfigException(node.path() + ": rbac needs an identity provider: add realm (Keycloak) or issuer (another IdP)");
        }
        if (!node.has("rbac")) {
            node.rejectUnknownKeys();
            return exports;
        }
        var rbac = node.get("rbac");
        var args = ConfigException.at(rbac.path(), () -> rbacArgs(rbac, rbacArgs));
        var component = new OidcRbac(stack + "-oidc", args, options);
        exports.put(OidcContract.STACK_OUTPUT, Output.of(component.contract().toOutput()));
        exports.put("kubeconfigUser", Output.of(component.kubeconfigUser()));
        exports.putAll(component.apiServerOutputs());
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
            var google = GoogleIdentityProvider.fromSecret(secret(g))
                    .withKeys(g.string("clientIdKey", "clientId"), g.string("clientSecretKey", "clientSecret"));
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
            client = OidcClient.web(c.string("web"), secret(c), c.string("key", "clientSecret"));
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

    private VaultBackedSecret secret(ConfigNode n) {
        var name = n.string("secret");
        var s = secrets.get(name);
        if (s == null) {
            throw new ConfigException(n.path() + ".secret: no citadel:secrets entry is named '" + name + "' (there are "
                    + new TreeMap<>(secrets).keySet() + "); add one that holds the credentials and syncs to the realm's namespace");
        }
        return s;
    }

    private static OidcRbacArgs rbacArgs(ConfigNode rbac, OidcRbacArgs.Builder b) {
        rbac.optString("clientId");
        rbac.optString("usernameClaim").ifPresent(b::usernameClaim);
        rbac.optString("usernamePrefix").ifPresent(b::usernamePrefix);
        rbac.optString("groupsPrefix").ifPresent(b::groupsPrefix);
        rbac.optString("groupsClaim").ifPresent(b::groupsClaim);
        rbac.optString("kubeconfigUser").ifPresent(b::kubeconfigUser);
        for (var e : rbac.get("bindings").entries()) {
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
        return b.build();
    }
}
