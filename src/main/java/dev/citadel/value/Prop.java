package dev.citadel.value;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A property value as the engine sees it during a preview: plain JSON-like data, plus the two things
 * plain JSON cannot say — "this is a secret" and "this is not known until deployment". Policies and
 * renderers read resources through this model, so neither can forget either case.
 */
public sealed interface Prop {

    Prop NULL = new Null();
    Prop UNKNOWN = new Unknown();

    record Null() implements Prop {
    }

    /** Known only after deployment (a provider-computed output, or derived from one). */
    record Unknown() implements Prop {
    }

    record Str(String value) implements Prop {
    }

    record Num(double value) implements Prop {
        /** Whole numbers print as integers, as Kubernetes and the provider schemas expect. */
        public boolean integral() {
            return value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15;
        }
    }

    record Bool(boolean value) implements Prop {
    }

    record Arr(List<Prop> items) implements Prop {
        public Arr {
            items = Collections.unmodifiableList(items);
        }
    }

    /** Fields sorted by name: one canonical form, so two plans of the same program are byte-identical. */
    record Obj(SortedMap<String, Prop> fields) implements Prop {
        public Obj {
            fields = Collections.unmodifiableSortedMap(fields);
        }
    }

    /** A value marked secret; renderers never print what is inside. */
    record Secret(Prop value) implements Prop {
    }

    /** The named field of an object; {@link #NULL} when absent. Inside a secret or unknown, stays so. */
    default Prop get(String key) {
        if (this instanceof Obj) {
            return ((Obj) this).fields().getOrDefault(key, NULL);
        }
        if (this instanceof Secret) {
            var inner = ((Secret) this).value().get(key);
            return inner instanceof Null ? inner : new Secret(inner);
        }
        return this instanceof Unknown ? UNKNOWN : NULL;
    }

    /** The plain string, if this is a known, non-secret string. */
    default Optional<String> string() {
        return this instanceof Str ? Optional.of(((Str) this).value()) : Optional.empty();
    }

    default boolean isNull() {
        return this instanceof Null;
    }

    /** True if this value, or anything inside it, is a secret. */
    default boolean containsSecret() {
        if (this instanceof Secret) {
            return true;
        }
        if (this instanceof Obj) {
            return ((Obj) this).fields().values().stream().anyMatch(Prop::containsSecret);
        }
        if (this instanceof Arr) {
            return ((Arr) this).items().stream().anyMatch(Prop::containsSecret);
        }
        return false;
    }
}
