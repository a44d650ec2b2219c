package dev.citadel.authentik;

import dev.citadel.authentik.BlueprintObject.Application;
import dev.citadel.authentik.BlueprintObject.Authentication;
import dev.citadel.authentik.BlueprintObject.ClientType;
import dev.citadel.authentik.BlueprintObject.Deleted;
import dev.citadel.authentik.BlueprintObject.Designation;
import dev.citadel.authentik.BlueprintObject.ExpressionPolicy;
import dev.citadel.authentik.BlueprintObject.Flow;
import dev.citadel.authentik.BlueprintObject.FlowStageBinding;
import dev.citadel.authentik.BlueprintObject.Group;
import dev.citadel.authentik.BlueprintObject.IdentificationStage;
import dev.citadel.authentik.BlueprintObject.InvitationStage;
import dev.citadel.authentik.BlueprintObject.Layout;
import dev.citadel.authentik.BlueprintObject.OAuthSource;
import dev.citadel.authentik.BlueprintObject.OAuth2Provider;
import dev.citadel.authentik.BlueprintObject.PasswordStage;
import dev.citadel.authentik.BlueprintObject.PolicyBinding;
import dev.citadel.authentik.BlueprintObject.Prompt;
import dev.citadel.authentik.BlueprintObject.PromptStage;
import dev.citadel.authentik.BlueprintObject.RedirectUri;
import dev.citadel.authentik.BlueprintObject.UserCreationMode;
import dev.citadel.authentik.BlueprintObject.UserLoginStage;
import dev.citadel.authentik.BlueprintObject.UserWriteStage;
import dev.citadel.contract.AuthentikChartKeys;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Seed 001's authentik changes, made by hand through the UI and API there, as blueprints. */
public final class Presets {
    public static final String ONE_SCREEN_LOGIN = "citadel-one-screen-login";
    public static final String PERSISTENT_SESSIONS = "citadel-persistent-sessions";
    public static final String INVITATION_ENROLLMENT = "citadel-invitation-enrollment";
    public static final String INVITATION_FLOW = "invitation-enrollment";
    public static final String GROUP_ASSIGNMENT_POLICY = "invitation-group-assignment";
    /** The invitation's fixed-data key the group-assignment policy reads. */
    public static final String GROUP_KEY = "group";

    private Presets() {
    }

    /**
     * Seed 001, lines 29-31: "adopt the identification stage and pin password_stage so username+password render on
     * ONE screen (the separate order-20 password binding is deleted via API — authentik requires that when
     * embedding)".
     */
    public static Blueprint oneScreenLogin() {
        var flow = Ref.flow(AuthentikDefaults.AUTHENTICATION_FLOW);
        return Blueprint.builder(ONE_SCREEN_LOGIN)
                .description("username and password on one screen (seed 001)")
                .add(new PasswordStage("password", AuthentikDefaults.PASSWORD_STAGE,
                        List.of("authentik.core.auth.InbuiltBackend", "authentik.core.auth.TokenBackend")))
                .add(new IdentificationStage("identification", AuthentikDefaults.IDENTIFICATION_STAGE, List.of("username", "email"),
                        Ref.keyOf("password"), null))
                .add(new Deleted("separate-password-binding", Models.FLOW_STAGE_BINDING,
                        FlowStageBinding.identifiers(flow, Ref.keyOf("password"), 20)))
                .build();
    }

    /**
     * Seed 001, lines 140-143: "Adopt UserLoginStage (default-authentication-login) ... and pin session_duration=weeks=4
     * so users stay logged in across browser restarts. There is no Brand.session_duration in 2026.2.x; UserLoginStage is
     * the only correct lever."
     */
    public static Blueprint persistentSessions(int weeks) {
        if (weeks < 1 || weeks > 52) {
            throw new IllegalArgumentException("persistentSessions weeks is " + weeks + "; give 1 to 52 (seed 001 uses 4); "
                    + "0 would end sessions with the browser, which is what the preset exists to stop");
        }
        return Blueprint.builder(PERSISTENT_SESSIONS)
                .description("sessions survive browser restarts (seed 001)")
                .add(new UserLoginStage("login", AuthentikDefaults.LOGIN_STAGE, "weeks=" + weeks))
                .build();
    }

    /**
     * Seed 001, lines 44-47: the OIDC providers of six first-party apps "switched from explicit to implicit consent —
     * all first-party, the 4-weekly consent screen only slowed first-time signin".
     */
    public static Blueprint firstPartyOidcApp(String name, String... redirectUris) {
        Entry.requireText("firstPartyOidcApp name", name, "name the application (e.g. Forgejo)");
        var slug = slug(name);
        var uris = new ArrayList<RedirectUri>();
        for (var uri : redirectUris) {
            uris.add(RedirectUri.strict(uri));
        }
        return Blueprint.builder("citadel-app-" + slug)
                .description(name + ": first-party OIDC app, implicit consent (seed 001)")
                .add(new OAuth2Provider("provider", name, ClientType.CONFIDENTIAL, slug, uris,
                        new Ref.Find(Models.CERTIFICATE, "name", AuthentikDefaults.SELF_SIGNED_CERTIFICATE),
                        Ref.flow(AuthentikChartKeys.IMPLICIT_CONSENT_FLOW),
                        Ref.flow(AuthentikDefaults.PROVIDER_INVALIDATION_FLOW),
                        List.of(scope(AuthentikDefaults.SCOPE_OPENID), scope(AuthentikDefaults.SCOPE_EMAIL), scope(AuthentikDefaults.SCOPE_PROFILE))))
                .add(new Application("application", slug, name, Ref.keyOf("provider"), null))
                .build();
    }

    /**
     * Seed 001, lines 44-47, for a platform that already runs the app: "Done via API ... 6 OIDC providers ... switched
     * from explicit to implicit consent". Only the provider's authorization flow changes; its identifiers are the live
     * provider's name and nothing else is written, so the client id, keys, scopes and redirect URIs the app uses stay.
     * No application entry: the live application already points at its provider.
     *
     * @param name     the application, as in {@link #firstPartyOidcApp(String, String...)} (it names the blueprint)
     * @param provider the live OAuth2 provider's name in authentik
     */
    public static Blueprint adoptedFirstPartyOidcApp(String name, String provider) {
        Entry.requireText("adoptedFirstPartyOidcApp name", name, "name the application (e.g. Forgejo)");
        return Blueprint.builder("citadel-app-" + slug(name))
                .description(name + ": adopted; only the authorization flow changes, to implicit consent (seed 001); client id, "
                        + "keys, scopes and redirect URIs stay as they are live")
                .add(new BlueprintObject.AdoptedOAuth2Provider("provider", provider,
                        Ref.flow(AuthentikChartKeys.IMPLICIT_CONSENT_FLOW)))
                .build();
    }

    /**
     * Seed 001, lines 162-165 and 171-175: new users only through single-use invitation links, and "an
     * invitation-group-assignment expression policy bound to the enrollment-login stage. Reads group name from
     * invitation fixed_data and auto-adds the user to the target group" — authentik cannot set groups from fixed data
     * itself. The invitation's {@code fixed_data.group} picks one of {@code groups}; without it the user joins the
     * first; a group not listed stops the enrollment rather than silently granting nothing.
     */
    public static Blueprint invitationEnrollment(String group, String... moreGroups) {
        var groups = new ArrayList<String>();
        groups.add(group);
        groups.addAll(List.of(moreGroups));
        return invitationEnrollment(groups, List.of());
    }

    /**
     * {@link #invitationEnrollment(String, String...)} with social login, seed 001 lines 171-174: the flow's
     * "identification with social login" stage offers the OAuth sources {@code sourceSlugs} (made by hand, their keys
     * stay in authentik), and "all OAuth sources (Google/GitHub/Facebook) enrollment_flow" is this flow, so an account
     * new to authentik enrolls only past the invitation stage.
     */
    public static Blueprint invitationEnrollment(List<String> groupNames, List<String> sourceSlugs) {
        if (groupNames.isEmpty()) {
            throw new IllegalArgumentException("invitationEnrollment groups is empty; name the group invitees join (e.g. user)");
        }
        var groups = new LinkedHashSet<String>(groupNames);
        var sources = new LinkedHashSet<String>(sourceSlugs);
        for (var slug : sources) {
            if (slug == null || !slug.matches("[a-z0-9][a-z0-9_-]*")) {
                throw new IllegalArgumentException("invitationEnrollment source '" + slug + "' is not a source slug; give the slug "
                        + "authentik shows for the source, e.g. google");
            }
        }
        for (var g : groups) {
            if (g == null || !g.matches("[A-Za-z0-9][A-Za-z0-9 _.-]*")) {
                throw new IllegalArgumentException("invitationEnrollment group '" + g + "' is not a plain group name; use letters, "
                        + "digits, space, '_', '.', '-' (it is written into the policy's Python)");
            }
        }
        var b = Blueprint.builder(INVITATION_ENROLLMENT)
                .description("enrollment by single-use invitation, with group assignment (seed 001)");
        var i = 0;
        for (var g : groups) {
            b.add(new Group("group-" + i++, g));
        }
        b.add(new Flow("flow", INVITATION_FLOW, "Invitation enrollment", "Welcome", Designation.ENROLLMENT,
                Authentication.REQUIRE_UNAUTHENTICATED, Layout.STACKED));
        b.add(new InvitationStage("invitation", INVITATION_FLOW + "-invitation", false));
        var sourceRefs = new ArrayList<Ref>();
        for (var slug : sources) {
            b.add(new OAuthSource("source-" + slug, slug, Ref.keyOf("flow")));
            sourceRefs.add(new Ref.Find(Models.OAUTH_SOURCE, "slug", slug));
        }
        if (!sourceRefs.isEmpty()) {
            // No user fields: an enrollment has no existing user to identify; the stage offers the sources.
            b.add(new IdentificationStage("identification", INVITATION_FLOW + "-identification", List.of(), null, null, sourceRefs));
        }
        b.add(new Prompt("prompt-username", INVITATION_FLOW + "-field-username", "username", "Username", "username", true, 0),
                new Prompt("prompt-name", INVITATION_FLOW + "-field-name", "name", "Name", "text", true, 1),
                new Prompt("prompt-email", INVITATION_FLOW + "-field-email", "email", "Email", "email", true, 2),
                new Prompt("prompt-password", INVITATION_FLOW + "-field-password", "password", "Password", "password", true, 3),
                new Prompt("prompt-password-repeat", INVITATION_FLOW + "-field-password-repeat", "password_repeat",
                        "Password (repeat)", "password", true, 4));
        b.add(new PromptStage("prompt", INVITATION_FLOW + "-prompt", List.of(Ref.keyOf("prompt-username"), Ref.keyOf("prompt-name"),
                Ref.keyOf("prompt-email"), Ref.keyOf("prompt-password"), Ref.keyOf("prompt-password-repeat"))));
        b.add(new UserWriteStage("write", INVITATION_FLOW + "-write", UserCreationMode.ALWAYS_CREATE, false));
        b.add(new UserLoginStage("login", INVITATION_FLOW + "-login", "weeks=4"));
        b.add(new ExpressionPolicy("assign-group", GROUP_ASSIGNMENT_POLICY, assignGroupExpression(new ArrayList<>(groups))));
        b.add(new FlowStageBinding("bind-invitation", Ref.keyOf("flow"), Ref.keyOf("invitation"), 10, false));
        if (!sourceRefs.isEmpty()) {
            b.add(new FlowStageBinding("bind-identification", Ref.keyOf("flow"), Ref.keyOf("identification"), 15, false));
        }
        b.add(new FlowStageBinding("bind-prompt", Ref.keyOf("flow"), Ref.keyOf("prompt"), 20, false),
                new FlowStageBinding("bind-write", Ref.keyOf("flow"), Ref.keyOf("write"), 30, false),
                // Evaluated when the stage is reached, after user write: the pending user exists by then.
                new FlowStageBinding("bind-login", Ref.keyOf("flow"), Ref.keyOf("login"), 100, true));
        b.add(new PolicyBinding("assign-group-binding", Ref.keyOf("assign-group"), Ref.keyOf("bind-login"), 0));
        return b.build();
    }

    /**
     * Seed 001 lines 31-34: "Outpost log_level trace->info and 1->2 replicas (it is on the hot path of every
     * forward-auth request; PG-backed sessions make 2 replicas safe)". One replica means every forward-auth request
     * fails while it restarts, so fewer than 2 is refused.
     */
    public static Blueprint outpost(String name, String authentikHost, int replicas, String namespace) {
        return outpost(name, authentikHost, replicas, namespace, Map.of());
    }

    /**
     * {@link #outpost(String, String, int, String)} with the user's own outpost config (any key authentik reads, e.g.
     * {@code kubernetes_json_patches}, {@code kubernetes_service_type}, {@code kubernetes_ingress_*},
     * {@code kubernetes_image_pull_secrets}), merged with Citadel's and rendered whole: authentik replaces the config on
     * apply, so a key left out is lost (seed 001's JSON patches kept the embedded outpost's endpoints). The user's values
     * pass through untouched; {@code kubernetes_replicas} below 2 and {@code log_level} trace contradict seed 001's
     * hardening and are refused, as is a naming template, namespace or host other than Citadel's.
     */
    public static Blueprint outpost(String name, String authentikHost, int defaultReplicas, String namespace, Map<String, Object> config) {
        var extra = OutpostConfig.userKeys(name, config, authentikHost, namespace);
        var replicas = OutpostConfig.replicas(name, config, defaultReplicas);
        var logLevel = OutpostConfig.logLevel(name, config);
        if (replicas < 2) {
            throw new IllegalArgumentException("outpost " + name + " replicas is " + replicas + "; give at least 2: the outpost answers "
                    + "every forward-auth request and a lone replica's restart locks everyone out (seed 001)");
        }
        return Blueprint.builder("citadel-" + OutpostNames.serviceName(name).replace('_', '-'))
                .description(name + ": " + replicas + " replicas, log level " + BlueprintObject.yaml(logLevel) + " (seed 001)"
                        + (extra.isEmpty() ? "" : "; the user's " + String.join(", ", extra.keySet()) + " kept"))
                .add(new BlueprintObject.Outpost("outpost", name, BlueprintObject.OutpostType.PROXY, authentikHost, replicas,
                        logLevel, namespace, extra))
                .build();
    }

    /** The flows, stages and policies seed 001 deleted (lines 166-170), kept deleted. */
    public static Blueprint deleted(String name, List<BlueprintObject.Deleted> objects) {
        var b = Blueprint.builder(name).description("objects seed 001 deleted, kept deleted");
        objects.forEach(b::add);
        return b.build();
    }

    static String assignGroupExpression(List<String> groups) {
        var allowed = new LinkedHashMap<String, String>();
        groups.forEach(g -> allowed.put(g, "\"" + g + "\""));
        return String.join("\n",
                "from authentik.core.models import Group",
                "plan = request.context.get(\"flow_plan\")",
                "invitation = plan.context.get(\"invitation\") if plan else None",
                "if invitation is None:",
                "    ak_message(\"Sign-up needs an invitation link.\")",
                "    return False",
                "allowed = [" + String.join(", ", allowed.values()) + "]",
                "wanted = (invitation.fixed_data or {}).get(\"" + GROUP_KEY + "\", allowed[0])",
                "if wanted not in allowed:",
                "    ak_message(\"This invitation names a group it cannot grant.\")",
                "    return False",
                "user = plan.context.get(\"pending_user\")",
                "if user is None:",
                "    return False",
                "user.ak_groups.add(Group.objects.get(name=wanted))",
                "return True",
                "");
    }

    private static Ref scope(String managed) {
        return new Ref.Find(Models.SCOPE_MAPPING, "managed", managed);
    }

    static String slug(String name) {
        var slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (slug.isEmpty()) {
            throw new IllegalArgumentException("application name '" + name + "' has no letters or digits to make a slug of");
        }
        return slug;
    }
}
