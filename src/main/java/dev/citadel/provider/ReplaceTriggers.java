package dev.citadel.provider;

import dev.citadel.contract.KeycloakObjects;

import java.util.List;
import java.util.Map;

/**
 * The inputs whose change makes a provider replace the object (delete and create it) instead of updating it, by
 * resource type, as property paths ({@code metadata.name}; {@code *}: every input). A reviewer reading
 * "instances 2 → 1" reads an update; a changed Vault mount or Keycloak realm id is a new object, with whatever
 * the old one held gone, and the plan diff must say so.
 *
 * <p>Vault, Keycloak and PostgreSQL: the inputs their Pulumi schemas mark {@code willReplaceOnChanges}, at the
 * versions {@link Plugin} pins. random: the schema marks none, but the provider replaces on every input change
 * (that is what {@code keepers} are for: a changed rotation marker is a new password). Kubernetes: the provider
 * replaces an object whose name, namespace or kind changes; the API refuses a Job's new template or selector.
 */
public final class ReplaceTriggers {
    private static final List<String> KUBERNETES = List.of("kind", "metadata.name", "metadata.namespace");

    private static final Map<String, List<String>> BY_TYPE = Map.ofEntries(
            Map.entry(RandomPassword.TYPE, List.of("*")),
            Map.entry(VaultKvSecretV2.TYPE, List.of("mount", "name", "namespace")),
            Map.entry(VaultMount.TYPE, List.of("externalEntropyAccess", "local", "namespace", "sealWrap", "type")),
            Map.entry(VaultKubernetesAuthBackendRole.TYPE, List.of("backend", "namespace", "roleName")),
            Map.entry(VaultKubernetesAuthBackendConfig.TYPE, List.of("backend", "namespace")),
            Map.entry(VaultPolicy.TYPE, List.of("name", "namespace")),
            Map.entry(VaultAuthBackend.TYPE, List.of("local", "namespace", "type")),
            Map.entry(KeycloakObjects.REALM, List.of("internalId", "realm")),
            Map.entry(KeycloakObjects.GROUP, List.of("organizationId", "parentId", "realmId")),
            Map.entry(KeycloakObjects.CLIENT, List.of("import", "realmId")),
            Map.entry(KeycloakObjects.CLIENT_SCOPE, List.of("realmId")),
            Map.entry(KeycloakObjects.CLIENT_DEFAULT_SCOPES, List.of("clientId", "realmId")),
            Map.entry(KeycloakClientOptionalScopes.TYPE, List.of("clientId", "realmId")),
            Map.entry(KeycloakRealmDefaultScopes.TYPE, List.of("realmId")),
            Map.entry(KeycloakRealmOptionalScopes.TYPE, List.of("realmId")),
            Map.entry(KeycloakDefaultGroups.TYPE, List.of("realmId")),
            Map.entry(KeycloakGoogleIdentityProvider.TYPE, List.of("addReadTokenRoleOnCreate", "realm")),
            Map.entry(KeycloakObjects.AUDIENCE_MAPPER, List.of("clientId", "clientScopeId", "realmId")),
            Map.entry(KeycloakObjects.GROUP_MEMBERSHIP_MAPPER, List.of("clientId", "clientScopeId", "name", "realmId")),
            Map.entry(PostgresqlGrantRole.TYPE, List.of("grantRole", "role", "withAdminOption")),
            Map.entry(PostgresqlDatabase.TYPE, List.of("encoding", "lcCollate", "lcCtype", "template")),
            Map.entry(PostgresqlGrant.TYPE, List.of("columns", "database", "objectType", "objects", "role", "schema", "withGrantOption")),
            Map.entry("kubernetes:batch/v1:Job", List.of("kind", "metadata.name", "metadata.namespace", "spec.selector", "spec.template")),
            // A Helm release's name and namespace are its identity in the cluster.
            Map.entry("kubernetes:helm.sh/v3:Release", List.of("name", "namespace")));

    private ReplaceTriggers() {
    }

    /** The paths whose change replaces a resource of {@code type}; empty for types updated in place. */
    public static List<String> of(String type) {
        var known = BY_TYPE.get(type);
        if (known != null) {
            return known;
        }
        return type.startsWith("kubernetes:") ? KUBERNETES : List.of();
    }
}
