package dev.citadel.contract;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the authentik components and the authentik policies (inert-helm-values, liveness-tolerates-migrations,
 * no-persistent-conns-through-session-pool, implicit-consent-first-party) must agree on: the goauthentik/helm
 * chart's value keys and authentik's own names. Seed 001's failures were values written where the chart does
 * not read them; the release Citadel renders and the policies judging it read the keys from here.
 */
public final class AuthentikChartKeys {
    public static final String CHART = "authentik";
    public static final String REPO = "https://charts.goauthentik.io";
    public static final String DEFAULT_REPOSITORY = "ghcr.io/goauthentik/server";
    /** The chart's components with their own pods, probes and {@code env}. */
    public static final List<String> COMPONENTS = List.of("server", "worker");
    public static final String EXISTING_SECRET = "authentik.existingSecret";
    /**
     * Keys under {@code authentik.} the chart still reads when {@code authentik.existingSecret.secretName} is set:
     * {@code enabled} and {@code web.path}. Everything else only feeds the chart's own Secret, which it then does not
     * render (seed 001: "existingSecret skips chart env rendering").
     */
    public static final Set<String> READ_WITH_EXISTING_SECRET = Set.of("authentik.enabled", "authentik.web.path");
    /** The chart's liveness probe, the same for server and worker: 5 s delay, then 3 failures 10 s apart. */
    public static final Map<String, Long> LIVENESS_DEFAULTS = Map.of("initialDelaySeconds", 5L, "failureThreshold", 3L, "periodSeconds", 10L);
    /** The list of ConfigMap names the chart mounts into the worker, where authentik discovers blueprints. */
    public static final String BLUEPRINT_CONFIG_MAPS = "blueprints.configMaps";
    public static final String CONN_MAX_AGE = "AUTHENTIK_POSTGRESQL__CONN_MAX_AGE";
    /** The CA file authentik verifies PostgreSQL with (its {@code postgresql.sslrootcert}). */
    public static final String SSLROOTCERT = "AUTHENTIK_POSTGRESQL__SSLROOTCERT";
    /** Volumes and mounts the chart adds to every Deployment (server and worker). */
    public static final String VOLUMES = "global.volumes";
    public static final String VOLUME_MOUNTS = "global.volumeMounts";
    /** Where the chart reads pod volumes: for every Deployment, and per component. */
    public static final List<String> VOLUME_OWNERS = List.of("global", "server", "worker");

    /** The blueprint model of OAuth2/OIDC providers. */
    public static final String OAUTH2_PROVIDER_MODEL = "authentik_providers_oauth2.oauth2provider";
    /** authentik's default flow that asks for consent on every authorization (seed 001: "the 4-weekly consent screen"). */
    public static final String EXPLICIT_CONSENT_FLOW = "default-provider-authorization-explicit-consent";
    public static final String IMPLICIT_CONSENT_FLOW = "default-provider-authorization-implicit-consent";

    private AuthentikChartKeys() {
    }
}
