package dev.citadel.policy.rules;

import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.Findings;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyArgs;
import dev.citadel.policy.PolicyInfo;
import dev.citadel.policy.PolicyResource;
import dev.citadel.value.Prop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;


/**
 * All seeds: passwords, API keys and tokens ended up where they should not (a chart rendering
 * {@code POSTGRES_PASSWORD} from values, a forced {@code APP_CONFIG_backend_auth_keys_0_secret} env var,
 * generated values copied by hand). In Pulumi a value not marked secret is stored in the state and shown
 * in every preview in clear. Checked: inputs the provider schemas declare secret (they must be marked),
 * Kubernetes Secret {@code data}/{@code stringData}, and any other input or env entry whose name says it
 * holds a password, secret, token or key and whose value is a known plain string. Names that refer to a
 * secret rather than hold one ({@code secretName}, {@code secretKey}, {@code *SecretRef},
 * {@code existingSecret}, {@code tlsSecret}) and templates ({@code ${VAR}}, {@code {{ .Values.x }}}) are
 * not values. Values are never printed.
 */
public final class SecretsStaySecret implements Policy.ResourcePolicy {
    /** Inputs the provider schemas mark secret (pulumi-vault, pulumi-postgresql, pulumi-keycloak, authentik). */
    static final Map<String, List<String>> DECLARED = Map.of(
            "vault:kv/secretV2:SecretV2", List.of("dataJson", "dataJsonWo"),
            "vault:kubernetes/authBackendConfig:AuthBackendConfig", List.of("tokenReviewerJwt", "tokenReviewerJwtWo"),
            "pulumi:providers:vault", List.of("token"),
            "postgresql:index/role:Role", List.of("password", "passwordWo"),
            "pulumi:providers:postgresql", List.of("password"),
            "keycloak:openid/client:Client", List.of("clientSecret", "clientSecretWo"),
            "keycloak:oidc/googleIdentityProvider:GoogleIdentityProvider", List.of("clientSecret"),
            "pulumi:providers:keycloak", List.of("clientSecret", "password", "jwtSigningKey", "jwtToken"),
            "authentik:index/providerOauth2:ProviderOauth2", List.of("clientSecret"));

    /** A name that holds secret material: the secret word ends it (password, adminPassword, GITHUB_TOKEN, apiKey, secret_key). */
    static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|secret|token|api[_-]?key|private[_-]?key|secret[_-]key|credentials?)\\d*");
    /** Names that refer to a secret kept elsewhere. */
    static final Pattern REFERENCE_NAME = Pattern.compile("(?i)(existing.*|.*(tls|ca|cert|certificate|pull|image)[_-]?secret)");
    /** Values that are templates filled in elsewhere, not the secret itself. */
    static final Pattern TEMPLATE = Pattern.compile("(?s)\\s*(\\$\\{[^}]+}|\\$\\([^)]+\\)|\\{\\{.*}})\\s*");

    static final PolicyInfo INFO = new PolicyInfo(
            "secrets-stay-secret",
            "Passwords, tokens and keys must be marked secret, never plain values in inputs",
            EnforcementLevel.MANDATORY,
            "Take the value from a VaultBackedSecret (or another secret Output) and pass it as a secret (Output.ofSecret / "
                    + ".asSecret()); in Kubernetes objects and chart values refer to a Secret (secretKeyRef, existingSecret) instead of "
                    + "writing the value",
            "all");

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    /** Whether a value is marked secret is what this policy judges. */
    @Override
    public boolean readsSecretWrappers() {
        return true;
    }

    @Override
    public void check(PolicyResource r, PolicyArgs args, Findings findings) {
        var label = ResourceLabels.of(r);
        var skip = new ArrayList<>(DECLARED.getOrDefault(r.type(), List.of()));
        var exposed = new ArrayList<String>();
        var computed = new ArrayList<String>();
        for (var field : skip) {
            declared(field, r.get(field), exposed, computed);
        }
        if (r.isKind("", "Secret")) {
            for (var field : List.of("data", "stringData")) {
                skip.add(field);
                var data = r.get(field);
                if (data instanceof Prop.Obj) {
                    ((Prop.Obj) data).fields().forEach((k, v) -> declared(field + "." + k, v, exposed, computed));
                } else {
                    declared(field, data, exposed, computed);
                }
            }
        }
        if (!exposed.isEmpty()) {
            findings.violation(r, label + ": " + String.join(", ", exposed) + " always " + (exposed.size() == 1 ? "holds" : "hold")
                    + " secret material but " + (exposed.size() == 1 ? "is" : "are") + " not marked secret: stored in the state and "
                    + "shown in previews in clear");
        }
        if (!computed.isEmpty()) {
            findings.undecidable(r, "whether " + String.join(", ", computed) + " of " + label
                    + " will be secret (computed and not marked secret; pass it with .asSecret())");
        }
        var plain = new ArrayList<String>();
        var unnamed = new ArrayList<String>();
        var later = new ArrayList<String>();
        PropTree.walk(r.properties(), "", (key, path, value) -> {
            if (path.equals(key) && skip.contains(key)) {
                return false;
            }
            var entryName = value.get("name").string();
            if (value instanceof Prop.Obj && entryName.isPresent() && ((Prop.Obj) value).fields().containsKey("value")) {
                // An env entry {name, value}: the name says what the value is.
                check(entryName.get(), value.get("value"), path, plain);
                if (value.get("value") instanceof Prop.Unknown && SECRET_NAME.matcher(entryName.get()).matches()
                        && !REFERENCE_NAME.matcher(entryName.get()).matches()) {
                    later.add(path);
                }
            } else if (value instanceof Prop.Obj && PropReads.opaque(value.get("name")) && ((Prop.Obj) value).fields().containsKey("value")) {
                // Its name is what would say the value is a password: a plain value under an unknown name may be one.
                var probe = new ArrayList<String>();
                check("password", value.get("value"), path, probe);
                unnamed.addAll(probe);
            } else if (!path.endsWith("]")) {
                check(key, value, path, plain);
            }
            return true;
        });
        if (!later.isEmpty()) {
            findings.undecidable(r, "whether " + String.join(", ", later) + " of " + label
                    + " will be secret (computed and not marked secret; pass it with .asSecret())");
        }
        if (!unnamed.isEmpty()) {
            findings.undecidable(r, "the names of " + String.join(", ", unnamed) + " of " + label
                    + " (a plain value under a name that says password, token or key would be exposed)");
        }
        if (!plain.isEmpty()) {
            findings.violation(r, label + ": " + String.join(", ", plain) + (plain.size() == 1 ? " holds" : " hold")
                    + " a password, token or key as a plain string: it is stored in the state and shown in previews in clear");
        }
    }

    /** An input that always holds secret material: it must be marked secret (or be empty). */
    private static void declared(String where, Prop value, List<String> exposed, List<String> computed) {
        if (value.isNull() || value instanceof Prop.Secret || value.string().map(String::isEmpty).orElse(false)) {
            return;
        }
        (value instanceof Prop.Unknown ? computed : exposed).add(where);
    }

    private static void check(String name, Prop value, String path, List<String> plain) {
        var text = value.string();
        if (text.isEmpty() || text.get().isBlank() || TEMPLATE.matcher(text.get()).matches()) {
            return;
        }
        if (SECRET_NAME.matcher(name).matches() && !REFERENCE_NAME.matcher(name).matches()) {
            plain.add(path);
        }
    }
}
