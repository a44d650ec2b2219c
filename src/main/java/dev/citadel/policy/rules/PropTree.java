package dev.citadel.policy.rules;

import dev.citadel.value.Prop;

import static dev.citadel.policy.rules.PropReads.items;

/**
 * Walks a property tree (chart values, a resource's inputs) depth first, naming each place by a path:
 * {@code values.server.env[AUTHENTIK_WEB__WORKERS].value}. List items are named by their {@code name}
 * field when they have one, by index otherwise. Secret and unknown values are leaves.
 */
final class PropTree {

    /** Sees each field and list item; returns whether to walk into it. */
    @FunctionalInterface
    interface Visitor {
        /**
         * @param key the field's name; for a list item, the name of the field holding the list
         */
        boolean visit(String key, String path, Prop value);
    }

    private PropTree() {
    }

    /** Visits everything below {@code node} (not {@code node} itself). */
    static void walk(Prop node, String path, Visitor visitor) {
        walk(node, "", path, visitor);
    }

    private static void walk(Prop node, String key, String path, Visitor visitor) {
        if (node instanceof Prop.Obj) {
            for (var e : ((Prop.Obj) node).fields().entrySet()) {
                var where = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (visitor.visit(e.getKey(), where, e.getValue())) {
                    walk(e.getValue(), e.getKey(), where, visitor);
                }
            }
        } else if (node instanceof Prop.Arr) {
            var list = items(node);
            for (int i = 0; i < list.size(); i++) {
                var item = list.get(i);
                var where = path + "[" + item.get("name").string().orElse(String.valueOf(i)) + "]";
                if (visitor.visit(key, where, item)) {
                    walk(item, key, where, visitor);
                }
            }
        }
    }
}
