package dev.citadel.secrets;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.core.internal.OutputData;
import com.pulumi.test.internal.PulumiTestInternal;
import dev.citadel.plan.Plan;
import dev.citadel.plan.PlanRunner;
import dev.citadel.plan.Registration;
import dev.citadel.value.Prop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Plans VaultBackedSecret programs offline and reads the result; test-only plumbing. */
final class SecretPlans {
    static final String RANDOM_PASSWORD = "random:index/randomPassword:RandomPassword";
    static final String SECRET_V2 = "vault:kv/secretV2:SecretV2";
    static final String EXTERNAL_SECRET = "kubernetes:external-secrets.io/v1:ExternalSecret";

    static final SecretStoreRef STORE = SecretStoreRef.cluster("vault-kv", "secret");

    private SecretPlans() {
    }

    /** Seed 003's PowerDNS API key: one generated key, read by PowerDNS and the two consumers a reflector used to feed. */
    static VaultBackedSecretArgs.Builder powerdns() {
        return VaultBackedSecretArgs.builder()
                .store(STORE)
                .path("dns/powerdns-api-key")
                .generate("PDNS_API_KEY")
                .syncTo("dns-system")
                .syncTo("cert-manager")
                .syncTo("external-dns");
    }

    /** Plans one VaultBackedSecret; the args are built inside the program, as a stack would. */
    static Plan plan(String name, Supplier<VaultBackedSecretArgs.Builder> args) {
        return plan(ctx -> new VaultBackedSecret(name, args.get().build(), null));
    }

    static Plan plan(Consumer<Context> program) {
        return new PlanRunner("citadel", "test", Map.of(), Set.of()).run(program);
    }

    static Registration only(Plan plan, String type) {
        var found = plan.ofType(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + ", found " + found.size() + ": " + found);
        }
        return found.get(0);
    }

    /** The value an output resolved to in a finished program (secret flag included). */
    static <T> OutputData<T> data(Output<T> output) {
        return PulumiTestInternal.extractOutputData(output);
    }

    /**
     * A property tree flattened to dotted paths, one entry per leaf; a path through a secret carries the
     * suffix {@code !secret}, so that a change in secrecy is a difference too.
     */
    static Map<String, Prop> leaves(Prop.Obj inputs) {
        var out = new TreeMap<String, Prop>();
        flatten("", inputs, out);
        return out;
    }

    private static void flatten(String path, Prop p, Map<String, Prop> out) {
        if (p instanceof Prop.Obj o && !o.fields().isEmpty()) {
            o.fields().forEach((k, v) -> flatten(path.isEmpty() ? k : path + "." + k, v, out));
        } else if (p instanceof Prop.Arr a && !a.items().isEmpty()) {
            for (int i = 0; i < a.items().size(); i++) {
                flatten(path + "[" + i + "]", a.items().get(i), out);
            }
        } else if (p instanceof Prop.Secret s) {
            flatten(path + "!secret", s.value(), out);
        } else {
            out.put(path, p);
        }
    }

    /** Every string in the tree that is not inside a secret. */
    static List<String> plainStrings(Prop p) {
        var out = new ArrayList<String>();
        collectPlain(p, out);
        return out;
    }

    private static void collectPlain(Prop p, List<String> out) {
        if (p instanceof Prop.Str s) {
            out.add(s.value());
        } else if (p instanceof Prop.Obj o) {
            o.fields().forEach((k, v) -> {
                out.add(k);
                collectPlain(v, out);
            });
        } else if (p instanceof Prop.Arr a) {
            a.items().forEach(i -> collectPlain(i, out));
        }
    }
}
