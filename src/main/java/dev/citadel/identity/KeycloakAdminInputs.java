package dev.citadel.identity;

import com.pulumi.core.annotations.Import;
import dev.citadel.config.Doc;
import dev.citadel.config.Inputs;
import dev.citadel.config.Scope;

import java.nio.file.Path;
import java.util.List;

/** {@code citadel:identity.keycloak.admin}: how the managed target logs in to Keycloak's admin API. */
@Doc("The admin-API login of realm.target managed: clientId (a service account) or username; its secret from secret config or the environment.")
public final class KeycloakAdminInputs extends Inputs {
    @Import(name = "clientId") @Doc("A service-account client allowed to manage realms, e.g. citadel-admin.")
    private String clientId;
    @Import(name = "username") @Doc("Or an admin user.")
    private String username;
    @Import(name = "realm") @Doc("The realm the admin logs in to; default master.")
    private String realm;
    @Import(name = "secret") @Doc("The citadel: secret setting (pulumi config set --secret) holding the client secret or password; "
            + "absent, the provider reads KEYCLOAK_CLIENT_SECRET or KEYCLOAK_PASSWORD.")
    private String secret;
    @Import(name = "rootCaFile") @Doc("A PEM file of the CA that signed Keycloak's certificate, when it is a private CA.")
    private String rootCaFile;

    KeycloakConnection connection(Scope scope) {
        if ((clientId == null) == (username == null)) {
            throw mistake(": give clientId (a service-account client, e.g. citadel-admin) or username (an admin user): one of them");
        }
        var connection = clientId != null ? KeycloakConnection.serviceAccount(clientId) : KeycloakConnection.user(username);
        if (realm != null) {
            connection = connection.inRealm(realm);
        }
        if (secret != null) {
            connection = connection.withCredential(scope.secretSetting(secret).orElseThrow(() -> fail("secret",
                    ": stack config has no secret 'citadel:" + secret + "'; set it with: pulumi config set --secret citadel:" + secret)));
        }
        if (rootCaFile != null) {
            connection = connection.withRootCaFile(Path.of(rootCaFile));
        }
        var built = connection;
        return build(() -> {
            built.check();
            return built;
        });
    }

    /** The {@code citadel:} secret setting it reads, if any. */
    List<String> secretSettings() {
        return secret == null ? List.of() : List.of(secret);
    }
}
