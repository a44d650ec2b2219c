package dev.citadel.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.Map;

/** {@code keycloak:index/realm:Realm}: a realm and its settings; the other Keycloak resources name it by {@link #realm()}. */
@ResourceType(type = KeycloakRealmResource.TYPE)
public final class KeycloakRealmResource extends CustomResource {
    public static final String TYPE = dev.citadel.contract.KeycloakObjects.REALM;

    @Export(name = "realm", refs = {String.class}, tree = "[0]")
    private Output<String> realm;

    public KeycloakRealmResource(String name, Args args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugin.KEYCLOAK.pin(options));
    }

    /** The realm's name: what the provider takes as {@code realmId}. */
    public Output<String> realm() {
        return realm;
    }

    public static final class Args extends ResourceArgs {
        @Import(name = "realm") private Output<String> realm;
        @Import(name = "displayName") private Output<String> displayName;
        @Import(name = "enabled") private Output<Boolean> enabled;
        @Import(name = "sslRequired") private Output<String> sslRequired;
        @Import(name = "registrationAllowed") private Output<Boolean> registrationAllowed;
        @Import(name = "loginWithEmailAllowed") private Output<Boolean> loginWithEmailAllowed;
        @Import(name = "duplicateEmailsAllowed") private Output<Boolean> duplicateEmailsAllowed;
        @Import(name = "editUsernameAllowed") private Output<Boolean> editUsernameAllowed;
        @Import(name = "defaultSignatureAlgorithm") private Output<String> defaultSignatureAlgorithm;
        @Import(name = "securityDefenses") private Output<Map<String, Object>> securityDefenses;

        public Args realm(String v) { this.realm = Output.of(v); return this; }
        public Args displayName(String v) { this.displayName = Output.of(v); return this; }
        public Args enabled(boolean v) { this.enabled = Output.of(v); return this; }
        public Args sslRequired(String v) { this.sslRequired = Output.of(v); return this; }
        public Args registrationAllowed(boolean v) { this.registrationAllowed = Output.of(v); return this; }
        public Args loginWithEmailAllowed(boolean v) { this.loginWithEmailAllowed = Output.of(v); return this; }
        public Args duplicateEmailsAllowed(boolean v) { this.duplicateEmailsAllowed = Output.of(v); return this; }
        public Args editUsernameAllowed(boolean v) { this.editUsernameAllowed = Output.of(v); return this; }
        public Args defaultSignatureAlgorithm(String v) { this.defaultSignatureAlgorithm = Output.of(v); return this; }
        /** {@code {bruteForceDetection: {...}, headers: {...}}} (RealmSecurityDefenses); no block, no brute-force detection. */
        public Args securityDefenses(Map<String, Object> v) { this.securityDefenses = Output.of(v); return this; }
    }
}
