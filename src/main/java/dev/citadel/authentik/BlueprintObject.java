package dev.citadel.authentik;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The authentik objects Citadel's flows are made of, typed: each becomes one blueprint {@link Entry}. The id is
 * what a {@link Ref.KeyOf} of the same blueprint names.
 */
public sealed interface BlueprintObject {
    String id();

    Entry entry();

    enum Designation { AUTHENTICATION, AUTHORIZATION, INVALIDATION, ENROLLMENT, UNENROLLMENT, RECOVERY, STAGE_CONFIGURATION }

    enum Authentication { NONE, REQUIRE_AUTHENTICATED, REQUIRE_UNAUTHENTICATED, REQUIRE_SUPERUSER }

    enum Layout { STACKED, CONTENT_LEFT, CONTENT_RIGHT, SIDEBAR_LEFT, SIDEBAR_RIGHT }

    enum ClientType { CONFIDENTIAL, PUBLIC }

    enum MatchingMode { STRICT, REGEX }

    enum UserCreationMode { NEVER_CREATE, CREATE_WHEN_REQUIRED, ALWAYS_CREATE }

    enum ConsentMode { ALWAYS_REQUIRE, PERMANENT, EXPIRING }

    enum OutpostType { PROXY, LDAP, RADIUS, RAC }

    enum LogLevel { TRACE, DEBUG, INFO, WARNING, ERROR }

    record Flow(String id, String slug, String name, String title, Designation designation, Authentication authentication,
                Layout layout) implements BlueprintObject {
        public Flow {
            Entry.requireText("flow slug", slug, "give the flow a slug (it is in the URL)");
            if (!slug.matches("[a-z0-9][a-z0-9-]*")) {
                throw new IllegalArgumentException("flow slug '" + slug + "' is not a slug; use lowercase letters, digits and '-'");
            }
        }

        @Override
        public Entry entry() {
            return new Entry(Models.FLOW, id, Map.of("slug", slug), attrs("name", name, "title", title,
                    "designation", yaml(designation), "authentication", yaml(authentication), "layout", yaml(layout)), Entry.State.PRESENT);
        }
    }

    /**
     * With {@code passwordStage} set, authentik shows username and password on one screen; the password stage
     * must then not be bound to the flow separately (seed 001: "the separate order-20 password binding is
     * deleted ... authentik requires that when embedding").
     */
    record IdentificationStage(String id, String name, List<String> userFields, Ref passwordStage, Ref enrollmentFlow,
                               List<Ref> sources) implements BlueprintObject {
        public IdentificationStage {
            userFields = List.copyOf(userFields);
            sources = List.copyOf(sources);
            for (var f : userFields) {
                if (!List.of("email", "username", "upn").contains(f)) {
                    throw new IllegalArgumentException("identification stage " + name + ": user field '" + f
                            + "' is not one authentik matches; use email, username or upn");
                }
            }
        }

        public IdentificationStage(String id, String name, List<String> userFields, Ref passwordStage, Ref enrollmentFlow) {
            this(id, name, userFields, passwordStage, enrollmentFlow, List.of());
        }

        @Override
        public Entry entry() {
            return new Entry(Models.IDENTIFICATION_STAGE, id, Map.of("name", name), attrs("user_fields", userFields,
                    "password_stage", passwordStage, "enrollment_flow", enrollmentFlow, "case_insensitive_matching", true,
                    "sources", sources.isEmpty() ? null : sources, "show_source_labels", sources.isEmpty() ? null : true),
                    Entry.State.PRESENT);
        }
    }

    record PasswordStage(String id, String name, List<String> backends) implements BlueprintObject {
        public PasswordStage {
            backends = List.copyOf(backends);
        }

        @Override
        public Entry entry() {
            return new Entry(Models.PASSWORD_STAGE, id, Map.of("name", name), attrs("backends", backends), Entry.State.PRESENT);
        }
    }

    /** {@code sessionDuration} in authentik's offset format ({@code weeks=4}); {@code seconds=0} ends it with the browser. */
    record UserLoginStage(String id, String name, String sessionDuration) implements BlueprintObject {
        public UserLoginStage {
            Durations.require("user login stage " + name + " session_duration", sessionDuration);
        }

        @Override
        public Entry entry() {
            return new Entry(Models.USER_LOGIN_STAGE, id, Map.of("name", name), attrs("session_duration", sessionDuration), Entry.State.PRESENT);
        }
    }

    record InvitationStage(String id, String name, boolean continueFlowWithoutInvitation) implements BlueprintObject {
        @Override
        public Entry entry() {
            return new Entry(Models.INVITATION_STAGE, id, Map.of("name", name),
                    attrs("continue_flow_without_invitation", continueFlowWithoutInvitation), Entry.State.PRESENT);
        }
    }

    record Prompt(String id, String name, String fieldKey, String label, String type, boolean required, int order)
            implements BlueprintObject {
        @Override
        public Entry entry() {
            return new Entry(Models.PROMPT, id, Map.of("name", name), attrs("field_key", fieldKey, "label", label, "type", type,
                    "required", required, "placeholder", label, "order", order), Entry.State.PRESENT);
        }
    }

    record PromptStage(String id, String name, List<Ref> fields) implements BlueprintObject {
        public PromptStage {
            fields = List.copyOf(fields);
        }

        @Override
        public Entry entry() {
            return new Entry(Models.PROMPT_STAGE, id, Map.of("name", name), attrs("fields", fields), Entry.State.PRESENT);
        }
    }

    record UserWriteStage(String id, String name, UserCreationMode creationMode, boolean createUsersAsInactive)
            implements BlueprintObject {
        @Override
        public Entry entry() {
            return new Entry(Models.USER_WRITE_STAGE, id, Map.of("name", name), attrs("user_creation_mode", yaml(creationMode),
                    "create_users_as_inactive", createUsersAsInactive), Entry.State.PRESENT);
        }
    }

    record ConsentStage(String id, String name, ConsentMode mode, String consentExpireIn) implements BlueprintObject {
        @Override
        public Entry entry() {
            if (mode == ConsentMode.EXPIRING) {
                Durations.require("consent stage " + name + " consent_expire_in", consentExpireIn);
            }
            return new Entry(Models.CONSENT_STAGE, id, Map.of("name", name), attrs("mode", yaml(mode),
                    "consent_expire_in", consentExpireIn), Entry.State.PRESENT);
        }
    }

    /** A stage in a flow at {@code order}; the flow and the stage are identifiers, as authentik keys bindings. */
    record FlowStageBinding(String id, Ref flow, Ref stage, int order, boolean reEvaluatePolicies) implements BlueprintObject {
        @Override
        public Entry entry() {
            return new Entry(Models.FLOW_STAGE_BINDING, id, identifiers(flow, stage, order),
                    attrs("re_evaluate_policies", reEvaluatePolicies), Entry.State.PRESENT);
        }

        static Map<String, Object> identifiers(Ref flow, Ref stage, int order) {
            var ids = new LinkedHashMap<String, Object>();
            ids.put("target", flow);
            ids.put("stage", stage);
            ids.put("order", order);
            return ids;
        }
    }

    record ExpressionPolicy(String id, String name, String expression) implements BlueprintObject {
        public ExpressionPolicy {
            Entry.requireText("expression policy " + name + " expression", expression, "give the Python expression");
        }

        @Override
        public Entry entry() {
            return new Entry(Models.EXPRESSION_POLICY, id, Map.of("name", name), attrs("expression", expression), Entry.State.PRESENT);
        }
    }

    /** A policy on a target (a flow, a flow-stage binding, an application) at {@code order}. */
    record PolicyBinding(String id, Ref policy, Ref target, int order) implements BlueprintObject {
        @Override
        public Entry entry() {
            var ids = new LinkedHashMap<String, Object>();
            ids.put("policy", policy);
            ids.put("target", target);
            ids.put("order", order);
            return new Entry(Models.POLICY_BINDING, id, ids, attrs("enabled", true, "negate", false, "timeout", 30), Entry.State.PRESENT);
        }
    }

    record RedirectUri(MatchingMode matchingMode, String url) {
        public RedirectUri {
            Entry.requireText("redirect uri", url, "give the URL the app receives the code at");
            if (matchingMode == MatchingMode.STRICT) {
                RedirectUris.check(url);
            }
        }

        public static RedirectUri strict(String url) {
            return new RedirectUri(MatchingMode.STRICT, url);
        }

        Map<String, Object> yaml() {
            var m = new LinkedHashMap<String, Object>();
            m.put("matching_mode", BlueprintObject.yaml(matchingMode));
            m.put("url", url);
            return m;
        }
    }

    /**
     * An OAuth2/OIDC provider. {@code authorizationFlow} decides consent: authentik's implicit-consent flow for
     * first-party apps (seed 001); {@code invalidationFlow} is required since authentik 2024.10.
     */
    record OAuth2Provider(String id, String name, ClientType clientType, String clientId, List<RedirectUri> redirectUris,
                          Ref signingKey, Ref authorizationFlow, Ref invalidationFlow, List<Ref> propertyMappings)
            implements BlueprintObject {
        public OAuth2Provider {
            redirectUris = List.copyOf(redirectUris);
            propertyMappings = List.copyOf(propertyMappings);
            if (authorizationFlow == null) {
                throw new IllegalArgumentException("OAuth2 provider " + name + ": authorization_flow is missing; use "
                        + "Ref.flow(\"" + dev.citadel.contract.AuthentikChartKeys.IMPLICIT_CONSENT_FLOW + "\") for a first-party app");
            }
            if (invalidationFlow == null) {
                throw new IllegalArgumentException("OAuth2 provider " + name + ": invalidation_flow is missing and authentik requires it; "
                        + "use Ref.flow(\"" + AuthentikDefaults.PROVIDER_INVALIDATION_FLOW + "\")");
            }
            if (redirectUris.isEmpty()) {
                throw new IllegalArgumentException("OAuth2 provider " + name + ": redirect_uris is empty; authentik would then accept "
                        + "the first redirect it sees and pin it; list the app's callback URLs");
            }
        }

        @Override
        public Entry entry() {
            return new Entry(Models.OAUTH2_PROVIDER, id, Map.of("name", name), attrs("client_type", yaml(clientType),
                    "client_id", clientId, "redirect_uris", redirectUris.stream().map(RedirectUri::yaml).toList(),
                    "signing_key", signingKey, "authorization_flow", authorizationFlow, "invalidation_flow", invalidationFlow,
                    "property_mappings", propertyMappings.isEmpty() ? null : propertyMappings), Entry.State.PRESENT);
        }
    }

    /**
     * An OAuth2 provider that already runs and is adopted, not created: the entry names it by its live {@code name} and
     * carries {@code authorization_flow} and nothing else. authentik updates an existing object with only the attrs given,
     * so its client id, secret, signing key, scopes and redirect URIs stay as they are live. Seed 001 switched six
     * providers to implicit consent by hand; writing the full preset over them (client id = slug) would re-key every
     * app's SSO. A provider that does not exist fails the blueprint visibly (authentik cannot create one without an
     * invalidation flow) rather than being created half-configured.
     */
    record AdoptedOAuth2Provider(String id, String name, Ref authorizationFlow) implements BlueprintObject {
        public AdoptedOAuth2Provider {
            Entry.requireText("adopted OAuth2 provider name", name, "give the provider's name as authentik shows it");
            java.util.Objects.requireNonNull(authorizationFlow, "authorizationFlow");
        }

        @Override
        public Entry entry() {
            return new Entry(Models.OAUTH2_PROVIDER, id, Map.of("name", name), attrs("authorization_flow", authorizationFlow),
                    Entry.State.PRESENT);
        }
    }

    record Application(String id, String slug, String name, Ref provider, String launchUrl) implements BlueprintObject {
        @Override
        public Entry entry() {
            return new Entry(Models.APPLICATION, id, Map.of("slug", slug), attrs("name", name, "provider", provider,
                    "meta_launch_url", launchUrl, "policy_engine_mode", "any"), Entry.State.PRESENT);
        }
    }

    /**
     * A social login source made by hand (its client secret stays in authentik), adopted by slug so that its
     * {@code enrollment_flow} is kept: seed 001 "set all OAuth sources (Google/GitHub/Facebook) enrollment_flow to
     * invitation-enrollment", so a new Google account signs up only through an invitation. A source that does not exist
     * fails the blueprint visibly (authentik cannot create one without its keys) instead of half-applying.
     */
    record OAuthSource(String id, String slug, Ref enrollmentFlow) implements BlueprintObject {
        public OAuthSource {
            Entry.requireText("OAuth source slug", slug, "give the slug of the source as authentik shows it (e.g. google)");
            if (enrollmentFlow == null) {
                throw new IllegalArgumentException("OAuth source " + slug + ": enrollment_flow is missing; point it at the invitation "
                        + "enrollment flow, or new accounts of that provider enroll through authentik's default flow");
            }
        }

        @Override
        public Entry entry() {
            return new Entry(Models.OAUTH_SOURCE, id, Map.of("slug", slug), attrs("enrollment_flow", enrollmentFlow), Entry.State.PRESENT);
        }
    }

    /**
     * An outpost and the settings authentik's Kubernetes integration deploys it with. authentik stores {@code config} as
     * one JSON value and a blueprint replaces it whole, so every setting the outpost needs is rendered here, the naming
     * template included: the outpost's Service name, and the alerts' selectors ({@link OutpostNames}), follow from it.
     *
     * @param replicas     {@code kubernetes_replicas}; seed 001 runs 2, the outpost being on every forward-auth request
     * @param logLevel     seed 001 went from trace to info
     * @param extraConfig  other config keys (e.g. {@code kubernetes_json_patches}), kept because the whole config is replaced
     */
    record Outpost(String id, String name, OutpostType type, String authentikHost, int replicas, LogLevel logLevel, String namespace,
                   Map<String, Object> extraConfig) implements BlueprintObject {
        public Outpost {
            OutpostNames.serviceName(name);
            java.util.Objects.requireNonNull(type, "outpost type");
            if (authentikHost == null || !authentikHost.matches("https?://[^\\s/]+(/.*)?")) {
                throw new IllegalArgumentException("outpost " + name + ": authentik_host '" + authentikHost + "' is not an http(s) URL; "
                        + "give the URL the outpost reaches authentik at, e.g. https://auth.example.org");
            }
            if (replicas < 1 || replicas > 50) {
                throw new IllegalArgumentException("outpost " + name + ": kubernetes_replicas " + replicas + " is outside 1..50; "
                        + "seed 001 runs 2 (the outpost answers every forward-auth request)");
            }
            if (logLevel == null || logLevel == LogLevel.TRACE) {
                throw new IllegalArgumentException("outpost " + name + ": log_level " + yaml(logLevel) + " is refused; use info "
                        + "(seed 001: trace logged every forward-auth request on the hot path)");
            }
            dev.citadel.names.KubernetesNames.label("outpost " + name + " kubernetes_namespace", namespace);
            extraConfig = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extraConfig));
            OutpostConfig.requireKnown(name, extraConfig.keySet());
            for (var key : extraConfig.keySet()) {
                if (OutpostConfig.OWN.contains(key)) {
                    throw new IllegalArgumentException("outpost " + name + ": config " + key + " is set by the outpost's own fields; "
                            + "drop it from extraConfig");
                }
            }
        }

        @Override
        public Entry entry() {
            var config = new LinkedHashMap<String, Object>();
            config.put("authentik_host", authentikHost);
            config.put("log_level", yaml(logLevel));
            config.put("object_naming_template", OutpostNames.OBJECT_NAMING_TEMPLATE);
            config.put("kubernetes_namespace", namespace);
            config.put("kubernetes_replicas", replicas);
            config.putAll(extraConfig);
            return new Entry(Models.OUTPOST, id, Map.of("name", name), attrs("type", yaml(type), "config", config), Entry.State.PRESENT);
        }
    }

    /** A group, created when missing and then left to people (its members change by hand and by invitations). */
    record Group(String id, String name) implements BlueprintObject {
        @Override
        public Entry entry() {
            return new Entry(Models.GROUP, id, Map.of("name", name), Map.of(), Entry.State.CREATED);
        }
    }

    /** An object that must not exist: seed 001 deleted unused flows, stages and policies by hand. */
    record Deleted(String id, String model, Map<String, Object> identifiers) implements BlueprintObject {
        public Deleted {
            // Insertion order, not Map.copyOf's per-JVM order: two plans must render identical bytes.
            identifiers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(identifiers));
        }

        public static Deleted flow(String slug) {
            return new Deleted(null, Models.FLOW, Map.of("slug", slug));
        }

        public static Deleted named(String model, String name) {
            Entry.requireText(model + " name", name, "give the name authentik shows for it");
            return new Deleted(null, model, Map.of("name", name));
        }

        /** A stage by its type ({@code prompt}, {@code identification}, ...) and name: authentik keys stages per model. */
        public static Deleted stage(String type, String name) {
            return named(Models.stage(type), name);
        }

        /** A policy by its type ({@code expression}, {@code password}, ...) and name. */
        public static Deleted policy(String type, String name) {
            return named(Models.policy(type), name);
        }

        public static Deleted group(String name) {
            return named(Models.GROUP, name);
        }

        public static Deleted role(String name) {
            return named(Models.ROLE, name);
        }

        @Override
        public Entry entry() {
            return new Entry(model, id, identifiers, Map.of(), Entry.State.ABSENT);
        }
    }

    /** authentik's spelling of an enum constant: {@code REQUIRE_UNAUTHENTICATED} → {@code require_unauthenticated}. */
    static String yaml(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    /** A map of the pairs whose value is not null, in order. */
    static Map<String, Object> attrs(Object... pairs) {
        var m = new LinkedHashMap<String, Object>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                m.put((String) pairs[i], pairs[i + 1] instanceof List<?> l ? new ArrayList<>(l) : pairs[i + 1]);
            }
        }
        return m;
    }
}
