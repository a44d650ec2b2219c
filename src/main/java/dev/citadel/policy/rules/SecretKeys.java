package dev.citadel.policy.rules;

import dev.citadel.policy.PolicyResource;
import dev.citadel.value.Prop;

import java.util.Optional;
import java.util.TreeSet;

import static dev.citadel.policy.rules.PropReads.items;
import static dev.citadel.policy.rules.PropReads.namespace;
import static dev.citadel.policy.rules.PropReads.opaque;

/**
 * The keys a stack resource puts in the Secret {@code namespace/name}: a Secret's data and stringData, or an
 * ExternalSecret's data[].secretKey. {@code complete} is false when more keys may come (dataFrom, a template);
 * {@code unknown} when whether the resource makes that Secret, or its keys, are not known until deployment.
 */
record SecretKeys(TreeSet<String> names, boolean complete, boolean unknown) {

    static Optional<SecretKeys> of(PolicyResource r, String namespace, String name) {
        var external = r.isKind("external-secrets.io", "ExternalSecret");
        if (!external && !(r.isKubernetes() && r.group().isEmpty() && "Secret".equals(r.kind()))) {
            return Optional.empty();
        }
        var ns = namespace(r);
        var target = external && !r.get("spec").get("target").get("name").isNull()
                ? r.get("spec").get("target").get("name") : r.metadata().get("name");
        if (opaque(ns) || opaque(target)) {
            return Optional.of(new SecretKeys(new TreeSet<>(), false, true));
        }
        if (!namespace.equals(ns.string().orElse("")) || !name.equals(target.string().orElse(""))) {
            return Optional.empty();
        }
        var names = new TreeSet<String>();
        if (external) {
            var spec = r.get("spec");
            for (var item : items(spec.get("data"))) {
                var key = item.get("secretKey");
                if (opaque(item) || opaque(key)) {
                    return Optional.of(new SecretKeys(names, false, true));
                }
                key.string().ifPresent(names::add);
            }
            var more = !spec.get("dataFrom").isNull() || !spec.get("target").get("template").isNull();
            return Optional.of(new SecretKeys(names, !more, false));
        }
        for (var field : new String[] {"data", "stringData"}) {
            var data = r.get(field);
            if (opaque(data)) {
                return Optional.of(new SecretKeys(names, false, true));
            }
            if (data instanceof Prop.Obj) {
                names.addAll(((Prop.Obj) data).fields().keySet());
            }
        }
        return Optional.of(new SecretKeys(names, true, false));
    }
}
