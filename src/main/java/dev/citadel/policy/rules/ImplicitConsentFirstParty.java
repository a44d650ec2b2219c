package dev.citadel.policy.rules;

import dev.citadel.contract.AuthentikChartKeys;
import dev.citadel.policy.ConfigParam;
import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.Findings;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyArgs;
import dev.citadel.policy.PolicyInfo;
import dev.citadel.policy.PolicyResource;
import dev.citadel.value.Prop;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.citadel.policy.rules.PropReads.opaque;

/**
 * Seed 001: six first-party OIDC apps (Vault, Forgejo, Immich, Headscale, linkwarden, Cloudflare Access)
 * sent users through authentik's explicit-consent screen every four weeks; it only slowed sign-in and
 * they were switched to implicit consent. First-party OAuth2 providers should authorize with an
 * implicit-consent flow; apps that must keep asking are listed in {@code thirdPartyApps}.
 *
 * <p>Looks at blueprints in ConfigMaps (entries {@code authentik_providers_oauth2.oauth2provider}, whose
 * {@code authorization_flow} is a {@code !Find} or {@code !KeyOf} naming the flow) and at the Pulumi
 * authentik provider's {@code ProviderOauth2}, whose {@code authorizationFlow} is a flow id: it counts as
 * explicit when it is one of {@code explicitConsentFlows}, or when it is not known yet and the provider
 * depends on a {@code Flow} of the stack with an explicit-consent slug.
 */
public final class ImplicitConsentFirstParty implements Policy.StackPolicy {
    static final String OAUTH2_MODEL = AuthentikChartKeys.OAUTH2_PROVIDER_MODEL;
    static final String PROVIDER = "authentik:index/providerOauth2:ProviderOauth2";
    static final String FLOW = "authentik:index/flow:Flow";
    static final String EXPLICIT_FLOW = AuthentikChartKeys.EXPLICIT_CONSENT_FLOW;

    static final PolicyInfo INFO = new PolicyInfo(
            "implicit-consent-first-party",
            "authentik OAuth2 providers of first-party apps should not ask users for consent (explicit-consent flow)",
            EnforcementLevel.ADVISORY,
            "Use the implicit-consent flow (default-provider-authorization-implicit-consent) as the provider's authorization flow; "
                    + "list apps run by third parties, which must keep asking, in thirdPartyApps",
            "001",
            List.of(new ConfigParam("thirdPartyApps", "array", "provider names (or blueprint ids) that keep explicit consent"),
                    new ConfigParam("explicitConsentFlows", "array",
                            "more slugs or flow ids that ask for consent (" + EXPLICIT_FLOW + " always counts)")));

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public void check(List<PolicyResource> resources, PolicyArgs args, Findings findings) {
        var thirdParty = args.strings("thirdPartyApps").stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        var explicit = new ArrayList<>(List.of(EXPLICIT_FLOW));
        args.strings("explicitConsentFlows").stream().filter(s -> !s.isBlank()).forEach(explicit::add);
        var byUrn = resources.stream().collect(Collectors.toMap(PolicyResource::urn, Function.identity(), (a, b) -> a));
        for (var r : resources) {
            if (r.isKind("", "ConfigMap")) {
                checkConfigMap(r, thirdParty, explicit, findings);
            } else if (r.type().equals(PROVIDER)) {
                checkProvider(r, byUrn, thirdParty, explicit, findings);
            }
        }
    }

    private static void checkConfigMap(PolicyResource r, Set<String> thirdParty, List<String> explicit, Findings findings) {
        var data = r.get("data");
        if (opaque(data) && r.objectName().contains("blueprint")) {
            findings.undecidable(r, "data of " + ResourceLabels.of(r) + " (it may hold blueprints)");
            return;
        }
        if (!(data instanceof Prop.Obj)) {
            return;
        }
        for (var e : ((Prop.Obj) data).fields().entrySet()) {
            if (opaque(e.getValue()) && e.getKey().endsWith(".yaml")) {
                findings.undecidable(r, "data." + e.getKey() + " of " + ResourceLabels.of(r) + " (it may be a blueprint)");
                continue;
            }
            var blueprint = e.getValue().string().flatMap(Blueprints::parse);
            if (blueprint.isEmpty()) {
                continue;
            }
            for (var provider : Blueprints.entries(blueprint.get(), OAUTH2_MODEL)) {
                var names = List.of(provider.get("attrs").get("name"), provider.get("identifiers").get("name"), provider.get("id"));
                var name = names.stream().map(n -> n.string().orElse("")).filter(n -> !n.isEmpty()).findFirst().orElse("?");
                if (names.stream().anyMatch(n -> n.string().map(s -> thirdParty.contains(s.toLowerCase(Locale.ROOT))).orElse(false))) {
                    continue;
                }
                var flow = provider.get("attrs").get("authorization_flow");
                var named = PropReads.text(flow).map(ref -> Blueprints.resolve(blueprint.get(), ref));
                if (named.isPresent() && isExplicit(named.get(), explicit)) {
                    findings.violation(r, ResourceLabels.of(r) + ": blueprint " + e.getKey() + " gives the OAuth2 provider " + name
                            + " the explicit-consent flow (authorization_flow " + PropReads.text(flow).orElse("") + "): users of a "
                            + "first-party app are asked for consent again and again; use the implicit-consent flow, or list "
                            + name + " in thirdPartyApps");
                }
            }
        }
    }

    private static void checkProvider(PolicyResource r, Map<String, PolicyResource> byUrn, Set<String> thirdParty,
                                      List<String> explicit, Findings findings) {
        var name = r.get("name").string().orElse(r.name());
        if (thirdParty.contains(name.toLowerCase(Locale.ROOT)) || thirdParty.contains(r.name().toLowerCase(Locale.ROOT))) {
            return;
        }
        var flow = r.get("authorizationFlow");
        String why;
        if (!opaque(flow)) {
            var id = flow.string().orElse("");
            if (!isExplicit(id, explicit)) {
                return;
            }
            why = "authorizationFlow " + id;
        } else {
            var flows = r.dependencies().stream().map(byUrn::get).filter(d -> d != null && d.type().equals(FLOW)).toList();
            var decided = flows.stream().map(f -> f.get("slug")).filter(s -> !opaque(s)).toList();
            Optional<String> explicitSlug = decided.stream().map(s -> s.string().orElse("")).filter(s -> isExplicit(s, explicit)).findFirst();
            if (explicitSlug.isPresent()) {
                why = "authorizationFlow comes from the Flow with slug " + explicitSlug.get();
            } else {
                if (decided.isEmpty() || decided.size() < flows.size()) {
                    findings.undecidable(r, "authorizationFlow of " + ResourceLabels.of(r) + " (no Flow of the stack it depends on tells which flow it is)");
                }
                return;
            }
        }
        findings.violation(r, ResourceLabels.of(r) + ": OAuth2 provider " + name + " asks for explicit consent (" + why + "): users of a "
                + "first-party app are asked again and again; use the implicit-consent flow, or list " + name + " in thirdPartyApps");
    }

    private static boolean isExplicit(String flow, List<String> explicit) {
        return explicit.stream().anyMatch(flow::contains);
    }
}
