package dev.citadel.identity;

import com.pulumi.core.annotations.Import;
import dev.citadel.config.Doc;
import dev.citadel.config.Inputs;

import java.util.List;
import java.util.Map;

/** {@code citadel:identity.realm.adopt}: the live realm's objects the managed target imports (ids from citadel realm-ids). */
@Doc("The realm exists already: it is imported by name, never recreated; the objects named here are imported by id, the others created.")
public final class RealmAdoptInputs extends Inputs {
    @Import(name = "groups") @Doc("Group name to its Keycloak id.")
    private Map<String, String> groups;
    @Import(name = "clients") @Doc("Client id to the client's Keycloak id (its UUID).")
    private Map<String, String> clients;
    @Import(name = "clientScopes") @Doc("Scope name to its Keycloak id (only groups: the built-in scopes stay Keycloak's).")
    private Map<String, String> clientScopes;
    @Import(name = "mappers") @Doc("Adopted client id or scope name to the names of its protocol mappers Keycloak has (imported; the others created).")
    private Map<String, List<String>> mappers;
    @Import(name = "identityProviders") @Doc("Aliases of the declared identity providers the live realm has (google): imported, not created.")
    private List<String> identityProviders;

    RealmAdoption adoption() {
        return new RealmAdoption(groups, clients, clientScopes, mappers, new java.util.TreeSet<>(identityProviders));
    }
}
