package dev.citadel.identity.keycloak;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link KeycloakServer} per test JVM (failsafe runs every IT in one), shared by every IT that says
 * {@code @ExtendWith(KeycloakExtension.class)} and takes a {@link KeycloakServer} (or a {@link KeycloakAdmin})
 * as a constructor, lifecycle-method or test-method parameter. The server lives in the root context's store,
 * so JUnit closes it (stopping Keycloak) when the whole run ends. A failed start is remembered: the next IT
 * fails at once with the same message instead of waiting another three minutes.
 *
 * <pre>{@code
 * @ExtendWith(KeycloakExtension.class)
 * class MyRealmIT {
 *     @Test
 *     void importsMyRealm(KeycloakServer keycloak) {
 *         keycloak.admin().importRealm(json);
 *         ... keycloak.issuer("my-realm") ...
 *     }
 * }
 * }</pre>
 * Each IT imports realms under its own names (and may delete them); realms are not reset between tests.
 */
public final class KeycloakExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakExtension.class);

    /** What the store holds: the server, or why it could not start. JUnit closes it at the end of the run. */
    private record Started(KeycloakServer server, RuntimeException failure) implements AutoCloseable {
        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        var type = parameter.getParameter().getType();
        return type == KeycloakServer.class || type == KeycloakAdmin.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        var server = server(context);
        return parameter.getParameter().getType() == KeycloakAdmin.class ? server.admin() : server;
    }

    /** The shared server, started on first use. */
    public static KeycloakServer server(ExtensionContext context) {
        var started = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Started.class, key -> start(), Started.class);
        if (started.failure() != null) {
            throw new ParameterResolutionException("Keycloak did not start: " + started.failure().getMessage(), started.failure());
        }
        return started.server();
    }

    private static Started start() {
        try {
            return new Started(KeycloakServer.start(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Started(null, new IllegalStateException("interrupted while starting Keycloak", e));
        } catch (java.io.IOException | RuntimeException e) {
            return new Started(null, e instanceof RuntimeException r ? r : new IllegalStateException(e.toString(), e));
        }
    }
}
