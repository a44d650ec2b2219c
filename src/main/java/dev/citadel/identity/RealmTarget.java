package dev.citadel.identity;

import dev.citadel.contract.KeycloakObjects;
import dev.citadel.secrets.SecretValues;

import java.util.Optional;

/**
 * Where a {@link KeycloakRealm} goes. {@link #operatorImport()}: one {@code KeycloakRealmImport} for the Keycloak
 * operator, which creates the realm once and never updates or deletes it (a later change is planned and never
 * applied). {@link #managed}: the realm as resources of the Pulumi keycloak provider, which {@code pulumi up} creates,
 * updates and deletes and {@code pulumi refresh} reads back. Both render the same {@link KeycloakRealmArgs}.
 */
public sealed interface RealmTarget permits RealmTarget.OperatorImport, RealmTarget.Managed {

    /** {@code import} or {@code managed}: the component's {@code target} output. */
    String id();

    /** The default: for a first bootstrap where nothing can reach Keycloak's admin API. */
    static RealmTarget operatorImport() {
        return new OperatorImport();
    }

    /**
     * @param secrets the values of the client secrets and Google credentials the realm names: the managed target
     *                writes them into Keycloak itself, so it needs them (as Pulumi secrets), not only their refs
     */
    static Managed managed(KeycloakConnection connection, SecretValues secrets) {
        return new Managed(connection, secrets, Optional.empty());
    }

    record OperatorImport() implements RealmTarget {
        @Override
        public String id() {
            return KeycloakObjects.TARGET_IMPORT;
        }
    }

    /** @param adoption present when the realm exists already: it and the objects named are imported, never recreated */
    record Managed(KeycloakConnection connection, SecretValues secrets, Optional<RealmAdoption> adoption) implements RealmTarget {
        @Override
        public String id() {
            return KeycloakObjects.TARGET_MANAGED;
        }

        public Managed adopting(RealmAdoption adoption) {
            return new Managed(connection, secrets, Optional.of(adoption));
        }

        void check(KeycloakRealmArgs realm) {
            if (connection == null) {
                throw new IllegalArgumentException("target: the managed target has no Keycloak admin connection; give "
                        + "KeycloakConnection.serviceAccount(\"citadel-admin\")");
            }
            connection.check();
            for (var c : realm.clients()) {
                c.access().secret().ifPresent(ref -> answered(ref, "client '" + c.clientId() + "'"));
            }
            realm.google().ifPresent(g -> {
                answered(g.clientId(), "google.clientId");
                answered(g.clientSecret(), "google.clientSecret");
            });
            adoption.ifPresent(a -> a.check(realm));
        }

        private void answered(dev.citadel.secrets.SecretRef ref, String where) {
            if (secrets.value(ref).isEmpty()) {
                throw new dev.citadel.value.Refused(where + ": the managed target writes this credential into Keycloak itself, but no "
                        + "secret given to it holds " + ref + "; pass the VaultBackedSecret that syncs it in SecretValues.of(...)",
                        where + ": no citadel:secrets entry syncs " + ref + " (the managed target writes its value into Keycloak); "
                        + "name an entry synced to that namespace");
            }
        }
    }
}
