package dev.citadel.verify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who reads a live realm through Keycloak's admin API. Read only: the realm's {@code view-realm},
 * {@code view-clients}, {@code view-identity-providers} and {@code query-groups} roles (realm-management) are all
 * {@code citadel verify --realm-drift} and {@code citadel realm-ids} use. Neither record prints its secret.
 */
public sealed interface AdminCredentials permits AdminCredentials.AdminUser, AdminCredentials.ServiceAccount {

    /** The token request's form fields (the secret among them: never logged). */
    Map<String, String> tokenForm();

    /** Who, for error lines: the user or client name, never the secret. */
    String who();

    /** A user of the admin realm, through its {@code admin-cli} client (password grant). */
    record AdminUser(String username, String password) implements AdminCredentials {
        @Override
        public Map<String, String> tokenForm() {
            var form = new LinkedHashMap<String, String>();
            form.put("grant_type", "password");
            form.put("client_id", "admin-cli");
            form.put("username", username);
            form.put("password", password);
            return form;
        }

        @Override
        public String who() {
            return "admin user '" + username + "'";
        }

        @Override
        public String toString() {
            return "AdminUser[" + username + ", password hidden]";
        }
    }

    /** A confidential client of the admin realm with a service account (client credentials grant). */
    record ServiceAccount(String clientId, String secret) implements AdminCredentials {
        @Override
        public Map<String, String> tokenForm() {
            var form = new LinkedHashMap<String, String>();
            form.put("grant_type", "client_credentials");
            form.put("client_id", clientId);
            form.put("client_secret", secret);
            return form;
        }

        @Override
        public String who() {
            return "service-account client '" + clientId + "'";
        }

        @Override
        public String toString() {
            return "ServiceAccount[" + clientId + ", secret hidden]";
        }
    }
}
