package dev.citadel.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;

/**
 * {@code pulumi:providers:keycloak}: the admin-API login the managed realm's resources run over. There is no setter
 * for {@code tlsInsecureSkipVerify}: Keycloak's certificate is always verified (a private CA is given as
 * {@code rootCaCertificate}), so the admin password never goes to a server that has not proven who it is.
 */
public final class KeycloakProvider extends ProviderResource {

    public KeycloakProvider(String name, Args args, @Nullable CustomResourceOptions options) {
        // The schema marks only the JWT fields secret; the client secret and password are kept secret in state too.
        super(Plugin.KEYCLOAK.pkg(), name, args, Plugin.KEYCLOAK.pin(options, "clientSecret", "password", "jwtSigningKey", "jwtToken"));
    }

    public static final class Args extends ResourceArgs {
        @Import(name = "url") private Output<String> url;
        @Import(name = "realm") private Output<String> realm;
        @Import(name = "clientId") private Output<String> clientId;
        @Import(name = "clientSecret") private Output<String> clientSecret;
        @Import(name = "username") private Output<String> username;
        @Import(name = "password") private Output<String> password;
        @Import(name = "rootCaCertificate") private Output<String> rootCaCertificate;

        /** Keycloak's base URL, before {@code /realms}. */
        public Args url(Output<String> v) { this.url = v; return this; }
        /** The realm the admin logs in to, e.g. {@code master}. */
        public Args realm(String v) { this.realm = Output.of(v); return this; }
        public Args clientId(String v) { this.clientId = Output.of(v); return this; }
        /** Always a secret, whatever the caller passed (the schema does not mark it; the state must). */
        public Args clientSecret(Output<String> v) { this.clientSecret = v.asSecret(); return this; }
        public Args username(String v) { this.username = Output.of(v); return this; }
        /** Always a secret, whatever the caller passed. */
        public Args password(Output<String> v) { this.password = v.asSecret(); return this; }
        /** The PEM the server's certificate must chain to. */
        public Args rootCaCertificate(String pem) { this.rootCaCertificate = Output.of(pem); return this; }
    }
}
