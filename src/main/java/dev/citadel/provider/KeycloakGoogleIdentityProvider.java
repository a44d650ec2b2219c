package dev.citadel.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;

/** {@code keycloak:oidc/googleIdentityProvider:GoogleIdentityProvider}: "Sign in with Google" for a realm. */
@ResourceType(type = KeycloakGoogleIdentityProvider.TYPE)
public final class KeycloakGoogleIdentityProvider extends CustomResource {
    public static final String TYPE = "keycloak:oidc/googleIdentityProvider:GoogleIdentityProvider";

    public KeycloakGoogleIdentityProvider(String name, Args args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugin.KEYCLOAK.pin(options, "clientSecret"));
    }

    public static final class Args extends ResourceArgs {
        @Import(name = "realm", required = true) private Output<String> realm;
        @Import(name = "alias") private Output<String> alias;
        @Import(name = "displayName") private Output<String> displayName;
        @Import(name = "providerId") private Output<String> providerId;
        @Import(name = "enabled") private Output<Boolean> enabled;
        @Import(name = "clientId") private Output<String> clientId;
        @Import(name = "clientSecret", required = true) private Output<String> clientSecret;
        @Import(name = "trustEmail") private Output<Boolean> trustEmail;
        @Import(name = "syncMode") private Output<String> syncMode;
        @Import(name = "hostedDomain") private Output<String> hostedDomain;
        @Import(name = "defaultScopes") private Output<String> defaultScopes;
        @Import(name = "firstBrokerLoginFlowAlias") private Output<String> firstBrokerLoginFlowAlias;

        public Args realm(Output<String> v) { this.realm = v; return this; }
        public Args alias(String v) { this.alias = Output.of(v); return this; }
        public Args displayName(String v) { this.displayName = Output.of(v); return this; }
        public Args providerId(String v) { this.providerId = Output.of(v); return this; }
        public Args enabled(boolean v) { this.enabled = Output.of(v); return this; }
        /** Kept as given: secret when it comes from a secret store, so the state keeps it so. */
        public Args clientId(Output<String> v) { this.clientId = v; return this; }
        /** Always a secret, whatever the caller passed. */
        public Args clientSecret(Output<String> v) { this.clientSecret = v.asSecret(); return this; }
        public Args trustEmail(boolean v) { this.trustEmail = Output.of(v); return this; }
        /** {@code IMPORT}, {@code FORCE} or {@code LEGACY}. */
        public Args syncMode(String v) { this.syncMode = Output.of(v); return this; }
        public Args hostedDomain(String v) { this.hostedDomain = Output.of(v); return this; }
        /** Space-separated, e.g. {@code openid profile email}. */
        public Args defaultScopes(String v) { this.defaultScopes = Output.of(v); return this; }
        public Args firstBrokerLoginFlowAlias(String v) { this.firstBrokerLoginFlowAlias = Output.of(v); return this; }
    }
}
