package dev.citadel.stack;

import dev.citadel.authentik.AuthentikInputs;
import dev.citadel.config.Inputs;
import dev.citadel.database.CnpgClusterInputs;
import dev.citadel.database.RdsInputs;
import dev.citadel.gateway.GatewayAuthInputs;
import dev.citadel.identity.IdentityInputs;
import dev.citadel.secrets.VaultBackedSecretInputs;
import dev.citadel.secrets.VaultInputs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every {@code citadel:<section>} the program reads, in the order it registers them, with its input class: the stack
 * program binds each section to its class, and the settings reference ({@code docs/settings.md}) is generated from
 * the same list, so neither can name a setting the other does not know.
 */
public final class Sections {
    /**
     * @param key    the setting, without {@code citadel:}
     * @param inputs the input class it binds to
     * @param list   a list of entries ({@code - name: ...}), each one component, rather than one map
     */
    public record Section(String key, Class<? extends Inputs> inputs, boolean list) {
    }

    public static final List<Section> COMPONENTS = List.of(
            new Section("kubernetes", KubernetesInputs.class, false),
            new Section("vault", VaultInputs.class, false),
            new Section("secrets", VaultBackedSecretInputs.class, true),
            new Section("identity", IdentityInputs.class, false),
            new Section("gateway", GatewayAuthInputs.class, false),
            new Section("databases", CnpgClusterInputs.class, true),
            new Section("authentik", AuthentikInputs.class, false),
            new Section("rds", RdsInputs.class, false));

    /** Settings read as they are, not bound to a component's inputs: what each holds. */
    public static final Map<String, String> PASSED_THROUGH = passedThrough();

    private Sections() {
    }

    private static Map<String, String> passedThrough() {
        var m = new LinkedHashMap<String, String>();
        m.put("manifests", "Kubernetes objects written by hand; planned and checked by the same policies.");
        m.put("helmReleases", "Helm releases written by hand: name, namespace, chart, version, repo, values.");
        m.put("policies", "Per-policy enforcement levels and parameters of the policy pack (see docs/policies.md).");
        m.put("policyGuard", "false switches off the guard that plans the program before pulumi up; default true.");
        return m;
    }

    /** Every {@code citadel:} setting. */
    public static Set<String> keys() {
        var keys = new TreeSet<String>(PASSED_THROUGH.keySet());
        COMPONENTS.forEach(s -> keys.add(s.key()));
        return keys;
    }

    public static Section named(String key) {
        return COMPONENTS.stream().filter(s -> s.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no section " + key));
    }
}
