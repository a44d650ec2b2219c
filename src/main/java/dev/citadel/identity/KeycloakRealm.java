package dev.citadel.identity;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.citadel.component.ComponentError;
import dev.citadel.contract.Labels;
import dev.citadel.names.KubernetesNames;
import dev.citadel.provider.KubernetesObject;

import javax.annotation.Nullable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Keycloak realm, on one of two {@link RealmTarget}s. The managed target renders it as resources of the Pulumi
 * keycloak provider, which {@code pulumi up} keeps converged. The import target (the default) creates one child: a {@code KeycloakRealmImport}
 * holding the realm (groups, client scopes with the group-membership mapper, clients, Google) whose
 * secrets are operator placeholders read from Secrets (typically synced by {@link dev.citadel.secrets.VaultBackedSecret}s).
 * <p>
 * Seed 000's two silent failures are impossible by construction: every client scope the clients name exists
 * (so {@code groups} cannot be requested and silently dropped), and the group mapper emits plain names
 * ({@code admin}, not {@code /admin}). Pass its {@link #contract()} to {@link OidcRbac} so the API server, the
 * bindings and kubelogin read issuer, client and claims from here.
 */
public final class KeycloakRealm extends ComponentResource {
    public static final String TYPE = "citadel:identity:KeycloakRealm";

    private final KeycloakRealmArgs args;
    private final String realmJson;

    public KeycloakRealm(String name, KeycloakRealmArgs args) {
        this(name, args, null);
    }

    /**
     * @param options pass the resources that make the Secrets the realm reads (its VaultBackedSecrets) as
     *                {@code dependsOn}: the operator's import job reads them, so they must exist first
     */
    public KeycloakRealm(String name, KeycloakRealmArgs args, @Nullable ComponentResourceOptions options) {
        super(TYPE, name, options);
        try {
            this.args = args;
            var representation = new RealmRepresentation(args);
            this.realmJson = representation.json();

            if (args.target() instanceof RealmTarget.Managed managed) {
                new ManagedRealm(this, name, args, managed).render(representation.realm());
            } else {
                operatorImport(name, args, representation, options);
            }

            var outputs = new LinkedHashMap<String, Output<?>>();
            outputs.put("realm", Output.of(args.realm()));
            outputs.put("issuerUrl", issuerUrl());
            outputs.put("jwksUri", jwksUri());
            outputs.put("clientIds", clientIds());
            outputs.put("groups", groups());
            outputs.put("realmJson", realmJson());
            outputs.put("target", target());
            registerOutputs(outputs);
        } catch (IllegalArgumentException e) {
            // Named here, where the name is known: a builder ran before it was.
            throw ComponentError.of(TYPE, name, e);
        }
    }

    private void operatorImport(String name, KeycloakRealmArgs args, RealmRepresentation representation,
                                @Nullable ComponentResourceOptions options) {
        var spec = new LinkedHashMap<String, Object>();
        spec.put("keycloakCRName", args.keycloakCr());
        spec.put("realm", representation.realm());
        if (!representation.placeholders().isEmpty()) {
            spec.put("placeholders", representation.placeholders());
        }
        var metadata = Labels.metadata(KubernetesNames.subdomain(
                "realm import name (the component name '" + name + "'; choose a DNS-1123 name)", name), args.namespace());
        // The operator's import job reads the placeholders' Secrets: it waits for what the component waits for.
        var child = dev.citadel.component.Children.waitingWith(this, options);
        new KubernetesObject(name, new KubernetesObject.Args(args.api().apiVersion(), "KeycloakRealmImport", metadata, spec),
                child.build());
    }

    /** {@code import} or {@code managed}: whether a change to the realm reaches Keycloak ({@link RealmTarget}). */
    public Output<String> target() {
        return Output.of(args.target().id());
    }

    /** {@code https://<keycloak>/realms/<realm>}: the {@code iss} of every token, and the API server's issuer URL. */
    public Output<String> issuerUrl() {
        return args.issuerUrlOutput();
    }

    public Output<String> jwksUri() {
        return issuerUrl().applyValue(issuer -> issuer + "/protocol/openid-connect/certs");
    }

    public Output<String> realmName() {
        return Output.of(args.realm());
    }

    public Output<List<String>> clientIds() {
        return Output.of(args.clientIds());
    }

    /** Every group name the groups claim can carry. */
    public Output<List<String>> groups() {
        return Output.of(args.groupNames());
    }

    /** The realm as Keycloak's RealmRepresentation JSON, secrets as {@code ${PLACEHOLDER}}s: importable anywhere. */
    public Output<String> realmJson() {
        return Output.of(realmJson);
    }

    /**
     * What the realm promises {@link OidcRbac} through its {@value OidcClient#KUBERNETES_CLIENT_ID} client, known now
     * (so {@code OidcRbacArgs.build()} checks the bindings against it); when {@code keycloakUrl} is an {@code Output},
     * use {@link #idp()}.
     */
    public IdpContract contract() {
        return args.contract(OidcClient.KUBERNETES_CLIENT_ID);
    }

    /**
     * The {@link #contract()} as another stack reads it: export it, and read it there with
     * {@code stackReference.requireOutput(name).applyValue(IdpContract::fromStackOutput)}.
     */
    public Output<Map<String, Object>> contractOutput() {
        return idp().applyValue(IdpContract::toOutput);
    }

    /**
     * The {@link #contract()} as an {@code Output}: what to give {@code OidcRbacArgs.idp(...)} when the realm's
     * {@code keycloakUrl} is itself another resource's {@code Output}.
     */
    public Output<IdpContract> idp() {
        return args.contractOutput(OidcClient.KUBERNETES_CLIENT_ID);
    }

    /** @see KeycloakRealmArgs#contract(String) */
    public IdpContract contract(String clientId) {
        return args.contract(clientId);
    }
}
