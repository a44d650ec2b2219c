package dev.citadel.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.List;

/** {@code keycloak:openid/client:Client}: an OpenID Connect client; its scopes and mappers name its id (the UUID). */
@ResourceType(type = KeycloakOpenidClient.TYPE)
public final class KeycloakOpenidClient extends CustomResource {
    public static final String TYPE = dev.citadel.contract.KeycloakObjects.CLIENT;

    public KeycloakOpenidClient(String name, Args args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugin.KEYCLOAK.pin(options, "clientSecret", "clientSecretWo"));
    }

    public static final class Args extends ResourceArgs {
        @Import(name = "realmId", required = true) private Output<String> realmId;
        @Import(name = "clientId") private Output<String> clientId;
        @Import(name = "name") private Output<String> name;
        @Import(name = "enabled") private Output<Boolean> enabled;
        @Import(name = "accessType", required = true) private Output<String> accessType;
        @Import(name = "clientSecret") private Output<String> clientSecret;
        @Import(name = "clientAuthenticatorType") private Output<String> clientAuthenticatorType;
        @Import(name = "standardFlowEnabled") private Output<Boolean> standardFlowEnabled;
        @Import(name = "implicitFlowEnabled") private Output<Boolean> implicitFlowEnabled;
        @Import(name = "directAccessGrantsEnabled") private Output<Boolean> directAccessGrantsEnabled;
        @Import(name = "serviceAccountsEnabled") private Output<Boolean> serviceAccountsEnabled;
        @Import(name = "consentRequired") private Output<Boolean> consentRequired;
        @Import(name = "validRedirectUris") private Output<List<String>> validRedirectUris;
        @Import(name = "validPostLogoutRedirectUris") private Output<List<String>> validPostLogoutRedirectUris;
        @Import(name = "webOrigins") private Output<List<String>> webOrigins;
        @Import(name = "pkceCodeChallengeMethod") private Output<String> pkceCodeChallengeMethod;

        public Args realmId(Output<String> v) { this.realmId = v; return this; }
        public Args clientId(String v) { this.clientId = Output.of(v); return this; }
        public Args name(String v) { this.name = Output.of(v); return this; }
        public Args enabled(boolean v) { this.enabled = Output.of(v); return this; }
        /** {@code PUBLIC}, {@code CONFIDENTIAL} or {@code BEARER-ONLY}. */
        public Args accessType(String v) { this.accessType = Output.of(v); return this; }
        /** Always a secret, whatever the caller passed. */
        public Args clientSecret(Output<String> v) { this.clientSecret = v.asSecret(); return this; }
        public Args clientAuthenticatorType(String v) { this.clientAuthenticatorType = Output.of(v); return this; }
        public Args standardFlowEnabled(boolean v) { this.standardFlowEnabled = Output.of(v); return this; }
        public Args implicitFlowEnabled(boolean v) { this.implicitFlowEnabled = Output.of(v); return this; }
        public Args directAccessGrantsEnabled(boolean v) { this.directAccessGrantsEnabled = Output.of(v); return this; }
        public Args serviceAccountsEnabled(boolean v) { this.serviceAccountsEnabled = Output.of(v); return this; }
        public Args consentRequired(boolean v) { this.consentRequired = Output.of(v); return this; }
        public Args validRedirectUris(List<String> v) { this.validRedirectUris = Output.of(List.copyOf(v)); return this; }
        public Args validPostLogoutRedirectUris(List<String> v) { this.validPostLogoutRedirectUris = Output.of(List.copyOf(v)); return this; }
        public Args webOrigins(List<String> v) { this.webOrigins = Output.of(List.copyOf(v)); return this; }
        /** {@code S256} or {@code plain}. */
        public Args pkceCodeChallengeMethod(String v) { this.pkceCodeChallengeMethod = Output.of(v); return this; }
    }
}
