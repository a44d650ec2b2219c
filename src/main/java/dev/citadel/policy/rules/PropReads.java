package dev.citadel.policy.rules;

import dev.citadel.policy.PolicyResource;
import dev.citadel.value.Prop;

import java.util.List;
import java.util.Optional;

/** Small readers over {@link Prop} shared by the rules: lists, opaque values, comparisons with unknowns. */
final class PropReads {

    /** Whether two values are the same, when one of them may not be known before deployment. */
    enum Match {
        SAME, DIFFERENT, MAYBE;

        /** All must be the same; one difference settles it; otherwise an unknown leaves it open. */
        static Match all(Match... parts) {
            var result = SAME;
            for (var m : parts) {
                if (m == DIFFERENT) {
                    return DIFFERENT;
                }
                if (m == MAYBE) {
                    result = MAYBE;
                }
            }
            return result;
        }
    }

    private PropReads() {
    }

    /**
     * The items of a list; none when the value is absent or not a list. A list not known until deployment
     * is read as one unknown item, so a rule that looks through the items meets the unknown and reports it
     * as undecidable where it decides, instead of seeing an empty list and passing.
     */
    static List<Prop> items(Prop value) {
        if (value instanceof Prop.Unknown) {
            return UNKNOWN_ITEMS;
        }
        return value instanceof Prop.Arr ? ((Prop.Arr) value).items() : List.of();
    }

    private static final List<Prop> UNKNOWN_ITEMS = List.of(Prop.UNKNOWN);

    /** True when a policy cannot read the value: unknown until deployment, or secret. */
    static boolean opaque(Prop value) {
        return value instanceof Prop.Unknown || value instanceof Prop.Secret;
    }

    /** A known scalar as text (strings, numbers as Kubernetes writes them, booleans). */
    static Optional<String> text(Prop value) {
        if (value instanceof Prop.Str) {
            return Optional.of(((Prop.Str) value).value());
        }
        if (value instanceof Prop.Num) {
            var n = (Prop.Num) value;
            return Optional.of(n.integral() ? String.valueOf((long) n.value()) : String.valueOf(n.value()));
        }
        if (value instanceof Prop.Bool) {
            return Optional.of(String.valueOf(((Prop.Bool) value).value()));
        }
        return Optional.empty();
    }

    /** Compares two string values; absent values compare as {@code absent}. */
    static Match compare(Prop a, Prop b) {
        if (opaque(a) || opaque(b)) {
            return Match.MAYBE;
        }
        return text(a).orElse("").equals(text(b).orElse("")) ? Match.SAME : Match.DIFFERENT;
    }

    /** The object's namespace; an absent one is the provider's, {@code default} unless configured otherwise. */
    static Prop namespace(PolicyResource r) {
        var ns = r.metadata().get("namespace");
        return ns.isNull() ? new Prop.Str("default") : ns;
    }

    /** How a value reads in a message: its text, or what keeps it from being read. */
    static String show(Prop value) {
        if (value instanceof Prop.Unknown) {
            return "(not known until deployment)";
        }
        if (value instanceof Prop.Secret) {
            return "(secret)";
        }
        return text(value).orElse("(none)");
    }
}
