package dev.citadel.identity;

/**
 * The Keycloak operator API a {@code KeycloakRealmImport} is written in. Operators from 22 to today serve
 * {@code v2alpha1}; from 26.8 they list {@code v2beta1} first and keep serving {@code v2alpha1}. The default
 * is the one both old and new operators accept, so upgrading the operator never strands a realm.
 */
public enum RealmImportApi {
    V2ALPHA1("k8s.keycloak.org/v2alpha1"),
    /** Operators 26.8 and later only. */
    V2BETA1("k8s.keycloak.org/v2beta1");

    private final String apiVersion;

    RealmImportApi(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    public String apiVersion() {
        return apiVersion;
    }
}
