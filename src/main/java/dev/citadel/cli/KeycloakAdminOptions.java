package dev.citadel.cli;

import dev.citadel.verify.AdminCredentials;
import dev.citadel.verify.LiveRealmReader;
import picocli.CommandLine.Option;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;

/**
 * How {@code verify --realm-drift} and {@code realm-ids} reach Keycloak's admin API: where, and as whom. The
 * credentials come from the environment only (a password in argv lands in shell history and {@code ps}).
 */
final class KeycloakAdminOptions {
    static final String USER_ENV = "CITADEL_VERIFY_KEYCLOAK_ADMIN_USER";
    static final String PASSWORD_ENV = "CITADEL_VERIFY_KEYCLOAK_ADMIN_PASSWORD";
    static final String CLIENT_SECRET_ENV = "CITADEL_VERIFY_KEYCLOAK_ADMIN_CLIENT_SECRET";
    /** The whole read of one realm, token included; a realm of thousands of objects reads in seconds. */
    static final Duration DEADLINE = Duration.ofSeconds(60);

    @Option(names = "--keycloak-url", paramLabel = "URL", description = "Read the realm through this https URL instead of"
            + " the stack's Keycloak URL (e.g. a port-forward to the Keycloak service; its certificate must still verify).")
    String keycloakUrl;

    @Option(names = "--admin-realm", paramLabel = "REALM", defaultValue = "master",
            description = "The realm the admin user or client belongs to (default: ${DEFAULT-VALUE}).")
    String adminRealm;

    @Option(names = "--admin-client", paramLabel = "CLIENT_ID", description = {"Read as this service-account client"
            + " (client credentials; its secret from " + CLIENT_SECRET_ENV + ") instead of an admin user.",
            "Without it: the admin user " + USER_ENV + " with the password " + PASSWORD_ENV + " (through admin-cli).",
            "Read-only roles suffice: realm-management view-realm, view-clients, view-identity-providers, query-groups."})
    String adminClient;

    /** The reader for a realm the stack places at {@code stackUrl} (empty when the plan does not know it). */
    LiveRealmReader.Options reader(java.util.Optional<String> stackUrl, String realm, SSLContext tls, Function<String, String> env) {
        var url = keycloakUrl != null ? keycloakUrl : stackUrl.orElseThrow(() -> new IllegalArgumentException(
                "the plan does not know the Keycloak URL of realm '" + realm + "' (it comes from another resource): give it with --keycloak-url"));
        URI base;
        try {
            base = URI.create(url.replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--keycloak-url: '" + url + "' is not a URL; give Keycloak's https URL, e.g. https://sso.example.org");
        }
        if (!"https".equalsIgnoreCase(base.getScheme()) || base.getHost() == null) {
            throw new IllegalArgumentException((keycloakUrl != null ? "--keycloak-url" : "the Keycloak URL of realm '" + realm + "'")
                    + " '" + url + "' is not an https URL: the admin password or client secret goes only to a server"
                    + " whose certificate verified; give https://<host>[:port]");
        }
        return new LiveRealmReader.Options(base, adminRealm, credentials(env), tls, DEADLINE);
    }

    private AdminCredentials credentials(Function<String, String> env) {
        if (adminClient != null) {
            var secret = env.apply(CLIENT_SECRET_ENV);
            if (secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException("--admin-client " + adminClient + " needs its secret: set " + CLIENT_SECRET_ENV);
            }
            return new AdminCredentials.ServiceAccount(adminClient, secret);
        }
        var user = env.apply(USER_ENV);
        var password = env.apply(PASSWORD_ENV);
        if (user == null || user.isEmpty() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("reading the live realm needs Keycloak admin credentials: set " + USER_ENV + " and "
                    + PASSWORD_ENV + " (a user of realm " + adminRealm + "), or name a service-account client with --admin-client"
                    + " and set " + CLIENT_SECRET_ENV);
        }
        return new AdminCredentials.AdminUser(user, password);
    }
}
