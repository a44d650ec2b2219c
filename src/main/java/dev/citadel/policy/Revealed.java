package dev.citadel.policy;

import dev.citadel.value.Prop;
import dev.citadel.value.Redacted;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one way policies read values: secret wrappers are seen through, so what they hold is judged, and
 * the texts they held are kept so that no finding prints them. A real preview wraps every value derived
 * from a secret (chart values beside a password, an ExternalSecret's dataFrom); read as opaque, those
 * must-flag resources came back clean. Unknowns stay unknown: a rule reports them as undecidable where
 * they decide its verdict.
 */
final class Revealed {
    private Revealed() {
    }

    /**
     * A set for the secret texts of a run: longest first, so a secret that contains another is replaced
     * whole, and in one order, so the same plan prints the same bytes.
     */
    static Set<String> texts() {
        return new TreeSet<>(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
    }

    /** The resource as policies judge it; the secret texts found go into {@code secrets}. */
    static PolicyResource of(PolicyResource r, Set<String> secrets) {
        var properties = reveal(r.properties(), false, secrets);
        return properties == r.properties() ? r
                : new PolicyResource(r.urn(), r.type(), r.name(), (Prop.Obj) properties, r.parent(), r.dependencies(),
                        r.pluginVersion());
    }

    /** The same instance when nothing inside is secret (most values), so a large stack is not copied for nothing. */
    private static Prop reveal(Prop p, boolean secret, Set<String> secrets) {
        if (p instanceof Prop.Secret) {
            return reveal(((Prop.Secret) p).value(), true, secrets);
        }
        if (p instanceof Prop.Obj) {
            TreeMap<String, Prop> changed = null;
            for (var e : ((Prop.Obj) p).fields().entrySet()) {
                var v = reveal(e.getValue(), secret, secrets);
                if (v != e.getValue()) {
                    if (changed == null) {
                        changed = new TreeMap<>(((Prop.Obj) p).fields());
                    }
                    changed.put(e.getKey(), v);
                }
            }
            return changed == null ? p : new Prop.Obj(changed);
        }
        if (p instanceof Prop.Arr) {
            var items = ((Prop.Arr) p).items();
            ArrayList<Prop> changed = null;
            for (int i = 0; i < items.size(); i++) {
                var v = reveal(items.get(i), secret, secrets);
                if (v != items.get(i)) {
                    if (changed == null) {
                        changed = new ArrayList<>(items);
                    }
                    changed.set(i, v);
                }
            }
            return changed == null ? p : new Prop.Arr(changed);
        }
        if (secret) {
            if (p instanceof Prop.Str && !((Prop.Str) p).value().isBlank()) {
                secrets.add(((Prop.Str) p).value());
            } else if (p instanceof Prop.Num) {
                var n = (Prop.Num) p;
                secrets.add(n.integral() ? String.valueOf((long) n.value()) : String.valueOf(n.value()));
            }
        }
        return p;
    }

    /**
     * The message with every secret text replaced by {@value Redacted#SECRET}. Texts shorter than four
     * characters are replaced only as whole words, so that a secret "1" does not eat every digit.
     */
    static String scrub(String message, Collection<String> secrets) {
        for (var s : secrets) {
            int at = message.indexOf(s);
            while (at >= 0) {
                int end = at + s.length();
                boolean whole = (at == 0 || !Character.isLetterOrDigit(message.charAt(at - 1)))
                        && (end == message.length() || !Character.isLetterOrDigit(message.charAt(end)));
                if (s.length() >= 4 || whole) {
                    message = message.substring(0, at) + Redacted.SECRET + message.substring(end);
                    at = message.indexOf(s, at + Redacted.SECRET.length());
                } else {
                    at = message.indexOf(s, at + 1);
                }
            }
        }
        return message;
    }
}
