package dev.citadel.identity;

import com.pulumi.core.Output;
import dev.citadel.provider.KeycloakProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How the managed target logs in to Keycloak's admin API: a service-account client or an admin user of
 * {@code adminRealm} (default {@code master}). The credential is a Pulumi secret, or absent: then the provider reads
 * its own environment ({@code KEYCLOAK_CLIENT_SECRET} / {@code KEYCLOAK_PASSWORD}), so it never sits in stack config
 * as plain text. Keycloak's certificate is always verified; a private CA is given as a PEM file.
 */
public record KeycloakConnection(String adminRealm, Login login, Optional<Path> rootCaFile) {
    static final long MAX_CA_BYTES = 1L << 20;

    /** Who logs in. */
    public sealed interface Login permits ServiceAccount, User {
    }

    /** A confidential client with the service-account roles to manage realms (e.g. {@code citadel-admin}). */
    public record ServiceAccount(String clientId, Optional<Output<String>> clientSecret) implements Login {
    }

    /** An admin user; prefer a service account, whose secret can be rotated without a person's password. */
    public record User(String username, Optional<Output<String>> password) implements Login {
    }

    /** The client {@code clientId} of the master realm, its secret from {@code KEYCLOAK_CLIENT_SECRET}. */
    public static KeycloakConnection serviceAccount(String clientId) {
        return new KeycloakConnection("master", new ServiceAccount(clientId, Optional.empty()), Optional.empty());
    }

    /** The user {@code username} of the master realm, the password from {@code KEYCLOAK_PASSWORD}. */
    public static KeycloakConnection user(String username) {
        return new KeycloakConnection("master", new User(username, Optional.empty()), Optional.empty());
    }

    public KeycloakConnection inRealm(String realm) {
        return new KeycloakConnection(realm, login, rootCaFile);
    }

    /** The client secret or password, as a Pulumi secret (e.g. from {@code pulumi config set --secret}). */
    public KeycloakConnection withCredential(Output<String> secret) {
        var secretLogin = login instanceof ServiceAccount ? (Login) new ServiceAccount(((ServiceAccount) login).clientId(), Optional.of(secret.asSecret()))
                : new User(((User) login).username(), Optional.of(secret.asSecret()));
        return new KeycloakConnection(adminRealm, secretLogin, rootCaFile);
    }

    /** The PEM file Keycloak's certificate must chain to, when a private CA signed it. */
    public KeycloakConnection withRootCaFile(Path pem) {
        return new KeycloakConnection(adminRealm, login, Optional.of(pem));
    }

    /** Checked by {@code KeycloakRealmArgs.build()}. */
    void check() {
        if (adminRealm == null || adminRealm.isBlank()) {
            throw new IllegalArgumentException("keycloak admin realm is blank; the realm the admin logs in to, e.g. master");
        }
        var who = login instanceof ServiceAccount ? ((ServiceAccount) login).clientId() : ((User) login).username();
        if (who == null || who.isBlank()) {
            throw new IllegalArgumentException("keycloak admin: the " + (login instanceof ServiceAccount ? "client id" : "username")
                    + " is blank; give the admin client (e.g. citadel-admin) or user that manages the realm");
        }
        rootCaFile.ifPresent(KeycloakConnection::pem);
    }

    KeycloakProvider.Args providerArgs(Output<String> url) {
        var args = new KeycloakProvider.Args().url(url).realm(adminRealm);
        if (login instanceof ServiceAccount) {
            var account = (ServiceAccount) login;
            args.clientId(account.clientId());
            account.clientSecret().ifPresent(args::clientSecret);
        } else {
            var user = (User) login;
            // The provider logs users in through the admin-cli client of the admin realm.
            args.clientId("admin-cli").username(user.username());
            user.password().ifPresent(args::password);
        }
        rootCaFile.ifPresent(file -> args.rootCaCertificate(pem(file)));
        return args;
    }

    private static String pem(Path file) {
        try {
            if (Files.size(file) > MAX_CA_BYTES) {
                throw new IllegalArgumentException("keycloak admin rootCaFile: '" + file + "' is larger than a CA bundle; give the CA's PEM file");
            }
            var text = Files.readString(file, StandardCharsets.US_ASCII);
            if (!text.contains("-----BEGIN CERTIFICATE-----")) {
                throw new IllegalArgumentException("keycloak admin rootCaFile: '" + file + "' holds no PEM certificate "
                        + "(-----BEGIN CERTIFICATE-----); give the CA that signed Keycloak's certificate");
            }
            return text;
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("keycloak admin rootCaFile: '" + file + "' cannot be read; give the path of the CA's PEM file");
        }
    }
}
