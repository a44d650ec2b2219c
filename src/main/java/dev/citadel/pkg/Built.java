package dev.citadel.pkg;

import dev.citadel.secrets.SyncedSecret;

import java.util.Map;
import java.util.function.Function;

/**
 * A packaged component's args, built from its inputs before the component registers anything: a rejected input fails
 * Construct with nothing left behind, as a stack program binds every section before it registers one.
 */
record Built<A>(A args, PackageScope scope) {
    static <A> Built<A> of(String name, Map<String, ? extends SyncedSecret> secrets, Function<PackageScope, A> toArgs) {
        var scope = new PackageScope(name, secrets);
        return new Built<>(toArgs.apply(scope), scope);
    }
}
