package dev.citadel.authentik;

import com.pulumi.core.annotations.Import;
import dev.citadel.config.Doc;
import dev.citadel.config.Inputs;

import java.util.List;
import java.util.Map;

/** {@code citadel:authentik.flows}: {@link AuthentikFlow}'s blueprints, from Citadel's {@link Presets}. */
@Doc("authentik's flows as blueprints: the presets Citadel ships, an outpost, first-party apps, objects to delete.")
public final class AuthentikFlowInputs extends Inputs {
    @Import(name = "configMap") @Doc("The ConfigMap the blueprints go in; default " + AuthentikFlowArgs.DEFAULT_CONFIG_MAP + ".")
    private String configMap;
    @Import(name = "oneScreenLogin") @Doc("Username and password on one screen; default false.")
    private Boolean oneScreenLogin;
    @Import(name = "persistentSessionWeeks") @Doc("'Stay signed in' for this many weeks.")
    private Integer persistentSessionWeeks;
    @Import(name = "invitationEnrollmentGroups") @Doc("Enrollment by invitation, into these groups.")
    private List<String> invitationEnrollmentGroups;
    @Import(name = "invitationSources") @Doc("Sources (slugs) that enroll through the invitation flow.")
    private List<String> invitationSources;
    @Import(name = "outpost") @Doc("The proxy outpost's settings.")
    private Outpost outpost;
    @Import(name = "firstPartyApps") @Doc("First-party OIDC applications (implicit consent), created or adopted.")
    private List<FirstPartyApp> firstPartyApps;
    @Import(name = "deletedFlows") @Doc("Flows (slugs) the blueprints delete.")
    private List<String> deletedFlows;
    @Import(name = "deletedStages") @Doc("Stages the blueprints delete, each by type and name.")
    private List<Typed> deletedStages;
    @Import(name = "deletedPolicies") @Doc("Policies the blueprints delete, each by type and name.")
    private List<Typed> deletedPolicies;
    @Import(name = "deletedGroups") @Doc("Groups (names) the blueprints delete.")
    private List<String> deletedGroups;
    @Import(name = "deletedRoles") @Doc("Roles (names) the blueprints delete.")
    private List<String> deletedRoles;

    /** The outpost the alerts watch when they name none. */
    public String outpostName() {
        return outpost == null || outpost.name == null ? AuthentikDefaults.EMBEDDED_OUTPOST : outpost.name;
    }

    public AuthentikFlowArgs toArgs(String namespace) {
        var b = AuthentikFlowArgs.builder().namespace(namespace);
        ifSet(configMap, b::configMap);
        if (Boolean.TRUE.equals(oneScreenLogin)) {
            b.blueprint(Presets.oneScreenLogin());
        }
        if (persistentSessionWeeks != null) {
            b.blueprint(build("persistentSessionWeeks", () -> Presets.persistentSessions(persistentSessionWeeks)));
        }
        if (!invitationEnrollmentGroups.isEmpty()) {
            b.blueprint(build(() -> Presets.invitationEnrollment(invitationEnrollmentGroups, invitationSources)));
        } else if (!invitationSources.isEmpty()) {
            throw fail("invitationSources", ": the sources enroll through the invitation flow, "
                    + "which needs invitationEnrollmentGroups (e.g. [user])");
        }
        if (outpost != null) {
            b.blueprint(outpost.blueprint(outpostName(), namespace));
        }
        for (var app : firstPartyApps) {
            b.blueprint(app.blueprint());
        }
        var deleted = new java.util.ArrayList<BlueprintObject.Deleted>();
        deletedFlows.forEach(slug -> deleted.add(BlueprintObject.Deleted.flow(slug)));
        deletedStages.forEach(s -> deleted.add(s.build(() -> BlueprintObject.Deleted.stage(s.type, s.name))));
        deletedPolicies.forEach(p -> deleted.add(p.build(() -> BlueprintObject.Deleted.policy(p.type, p.name))));
        deletedGroups.forEach(g -> deleted.add(build("deletedGroups", () -> BlueprintObject.Deleted.group(g))));
        deletedRoles.forEach(r -> deleted.add(build("deletedRoles", () -> BlueprintObject.Deleted.role(r))));
        if (!deleted.isEmpty()) {
            b.blueprint(Presets.deleted("citadel-deleted", deleted));
        }
        return build(b::build);
    }

    @Doc("The outpost authentik runs for forward auth.")
    public static final class Outpost extends Inputs {
        @Import(name = "name") @Doc("Its name; default " + AuthentikDefaults.EMBEDDED_OUTPOST + ".")
        private String name;
        @Import(name = "authentikHost", required = true) @Doc("authentik's public URL, e.g. https://auth.example.org.")
        private String authentikHost;
        @Import(name = "replicas") @Doc("Outpost pods; default 2.")
        private Integer replicas;
        @Import(name = "config") @Doc("More outpost config keys authentik reads (kubernetes_json_patches, kubernetes_service_type, "
                + "kubernetes_ingress_*, kubernetes_image_pull_secrets, ...), kept as given and merged with Citadel's.")
        private Map<String, Object> config;

        Blueprint blueprint(String name, String namespace) {
            if (replicas != null && config.containsKey("kubernetes_replicas")) {
                throw fail("config.kubernetes_replicas", ": replicas is set too; keep one");
            }
            return build(() -> Presets.outpost(name, authentikHost, replicas == null ? 2 : replicas, namespace, config));
        }
    }

    @Doc("An authentik object of a kind with many models (stages, policies), by its type and name.")
    public static final class Typed extends Inputs {
        @Import(name = "type", required = true) @Doc("Its type as authentik's model names it, e.g. prompt, identification, expression.")
        private String type;
        @Import(name = "name", required = true) @Doc("Its name.")
        private String name;
    }

    @Doc("A first-party OIDC application.")
    public static final class FirstPartyApp extends Inputs {
        @Import(name = "name", required = true) @Doc("The application's name (and slug).")
        private String name;
        @Import(name = "redirectUris") @Doc("Its redirect URIs (a created app only: an adopted one keeps its live ones).")
        private List<String> redirectUris;
        @Import(name = "adopt") @Doc("The app and its provider already exist: change only the provider's authorization flow; default false.")
        private Boolean adopt;
        @Import(name = "provider") @Doc("adopt: the live OAuth2 provider's name; default the app's name.")
        private String provider;

        Blueprint blueprint() {
            if (!Boolean.TRUE.equals(adopt)) {
                if (provider != null) {
                    throw fail("provider", ": names a live provider, which only an adopted app has; add adopt: true, or drop it");
                }
                return build(() -> Presets.firstPartyOidcApp(name, redirectUris.toArray(String[]::new)));
            }
            if (!redirectUris.isEmpty()) {
                throw fail("redirectUris", ": an adopted app keeps its live redirect URIs (only its authorization flow changes), "
                        + "so these would be ignored; drop them, or drop adopt to have Citadel create the provider");
            }
            return build(() -> Presets.adoptedFirstPartyOidcApp(name, provider == null ? name : provider));
        }
    }
}
