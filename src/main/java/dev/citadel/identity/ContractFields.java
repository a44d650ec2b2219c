package dev.citadel.identity;

import java.util.List;
import java.util.Map;

/**
 * Reads a contract back from the plain maps a stack output holds, naming what is missing or mistyped: a contract
 * that travels between stacks (or from a plan to {@code citadel verify}) is input like any other.
 *
 * @param what the contract's name in messages, e.g. "the identity contract"
 */
record ContractFields(String what, Map<String, ?> fields) {

    Object required(String key) {
        var v = fields.get(key);
        if (v == null) {
            throw new IllegalArgumentException(what + " lacks '" + key + "'");
        }
        return v;
    }

    String string(String key) {
        return String.valueOf(required(key));
    }

    List<String> strings(String key) {
        var v = required(key);
        if (!(v instanceof List)) {
            throw new IllegalArgumentException(what + "'s '" + key + "' is not a list: " + v);
        }
        return ((List<?>) v).stream().map(String::valueOf).toList();
    }
}
