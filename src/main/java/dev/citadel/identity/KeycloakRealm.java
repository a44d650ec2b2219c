package dev.citadel.identity;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.citadel.names.KubernetesNames;
import dev.citadel.provider.KubernetesObject;

import javax.annotation.Nullable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Keycloak realm, imported by the Keycloak operator. Creates one child: a {@code KeycloakRealmImport}
 * holding the realm (groups, client scopes with the group-membership mapper, clients, Google) whose
 * secrets are operator placeholders read from Secrets synced by {@link dev.citadel.secrets.VaultBackedSecret}s.
 * <p>
 * Seed 000's two silent failures are impossible by construction: every client scope the clients name exists
 * (so {@code groups} cannot be requested and silently dropped), and the group mapper emits plain names
 * ({@code admin}, not {@code /admin}). Pass it to {@link OidcRbac} so the API server, the bindings and kubelogin
 * read issuer, client and claims from here.
 */
public final class KeycloakRealm extends ComponentResource {
    public static final String TYPE = "citadel:identity:KeycloakRealm";

    private final KeycloakRealmArgs args;
    private final String issuerUrl;
    private final String realmJson;

    public KeycloakRealm(String name, KeycloakRealmArgs args, @Nullable ComponentResourceOptions options) {
        super(TYPE, name, options);
        this.args = args;
        this.issuerUrl = args.keycloakUrl() + "/realms/" + args.realm();
        var representation = new RealmRepresentation(args);
        this.realmJson = representation.json();

        var spec = new LinkedHashMap<String, Object>();
        spec.put("keycloakCRName", args.keycloakCr());
        spec.put("realm", representation.realm());
        if (!representation.placeholders().isEmpty()) {
            spec.put("placeholders", representation.placeholders());
        }
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("name", KubernetesNames.subdomain(
                "realm import name (the component name '" + name + "'; choose a DNS-1123 name)", name));
        metadata.put("namespace", args.namespace());
        metadata.put("labels", Map.of("app.kubernetes.io/managed-by", "citadel"));
        // The operator's import job reads the placeholders' Secrets: let their ExternalSecrets exist first.
        var secrets = new ArrayList<Resource>();
        args.google().ifPresent(g -> secrets.add(g.secret()));
        args.clients().forEach(c -> c.access().secret().ifPresent(secrets::add));
        new KubernetesObject(name, new KubernetesObject.Args(args.api().apiVersion(), "KeycloakRealmImport", metadata, spec),
                CustomResourceOptions.builder().parent(this).dependsOn(secrets).build());

        var outputs = new LinkedHashMap<String, Output<?>>();
        outputs.put("realm", Output.of(args.realm()));
        outputs.put("issuerUrl", Output.of(issuerUrl));
        outputs.put("jwksUri", Output.of(jwksUri()));
        outputs.put("clientIds", Output.of(clientIds()));
        outputs.put("groups", Output.of(args.groupNames()));
        outputs.put("realmJson", Output.of(realmJson));
        registerOutputs(outputs);
    }

    /** {@code https://<keycloak>/realms/<realm>}: the {@code iss} of every token, and the API server's issuer URL. */
    public String issuerUrl() {
        return issuerUrl;
    }

    public String jwksUri() {
        return issuerUrl + "/protocol/openid-connect/certs";
    }

    public String realmName() {
        return args.realm();
    }

    public List<String> clientIds() {
        return args.clients().stream().map(OidcClient::clientId).toList();
    }

    /** Every group name the groups claim can carry. */
    public List<String> groupNames() {
        return args.groupNames();
    }

    /** Groups every new user joins: catch-alls. */
    public List<String> defaultGroups() {
        return args.defaultGroups();
    }

    /**
     * True when anyone can get an account: Google sign-in without a hosted domain (Keycloak's first-broker-login
     * flow creates the account, whatever {@code registrationAllowed} says) puts every Google user in the default groups.
     */
    public boolean openSignUp() {
        return args.google().map(g -> g.hostedDomain().isEmpty()).orElse(false);
    }

    public Optional<OidcClient> client(String clientId) {
        return args.clients().stream().filter(c -> c.clientId().equals(clientId)).findFirst();
    }

    /** The realm as Keycloak's RealmRepresentation JSON, secrets as {@code ${PLACEHOLDER}}s: importable anywhere. */
    public String realmJson() {
        return realmJson;
    }
}
