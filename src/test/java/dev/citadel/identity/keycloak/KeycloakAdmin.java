package dev.citadel.identity.keycloak;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;


/**
 * The few Keycloak admin REST calls the ITs need, as the master realm's bootstrap admin ({@code admin-cli},
 * password grant; a fresh token per call, so a long test never holds an expired one). Every failure is an
 * {@link IllegalStateException} naming the call, the HTTP status and Keycloak's answer.
 */
public final class KeycloakAdmin {
    private static final Gson GSON = new Gson();
    private final URI base;
    private final HttpClient http;
    private final String username;
    private final String password;

    public KeycloakAdmin(URI base, HttpClient http, String username, String password) {
        this.base = base;
        this.http = http;
        this.username = username;
        this.password = password;
    }

    /** An admin access token from the master realm. */
    public String token() {
        var form = "grant_type=password&client_id=admin-cli&username=" + encode(username) + "&password=" + encode(password);
        var response = send(HttpRequest.newBuilder(base.resolve("/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), "admin token", false);
        return JsonParser.parseString(response.body()).getAsJsonObject().get("access_token").getAsString();
    }

    /**
     * Creates a realm from its JSON representation (POST /admin/realms), as a realm import does. Note: a
     * representation that lists {@code clientScopes} gets only those; Keycloak then creates none of its built-in
     * scopes ({@code basic}, {@code profile}, {@code email}, ...), and a login asking for a missing one fails with
     * "Invalid scopes" (the verify fixtures define the ones they use).
     */
    public void importRealm(String realmRepresentationJson) {
        send(authorized("/admin/realms").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(realmRepresentationJson)), "import realm", true);
    }

    /**
     * The verify fixture realm ({@code /keycloak/verify-realm.json}) imported afresh under {@code realm}, so each IT
     * class has its own and none sees another's users; an earlier run's copy is deleted first.
     */
    public void importVerifyRealm(String realm) {
        String json;
        try (var in = KeycloakAdmin.class.getResourceAsStream("/keycloak/verify-realm.json")) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        deleteRealm(realm);
        importRealm(json.replace("\"citadel-test\"", "\"" + realm + "\""));
    }

    /** Deletes a realm; a realm that does not exist is not an error. */
    public void deleteRealm(String realm) {
        var response = send(authorized("/admin/realms/" + path(realm)).DELETE(), "delete realm " + realm, false);
        if (response.statusCode() != 404) {
            check(response, "delete realm " + realm);
        }
    }

    /**
     * Creates a user who can log in at once: enabled, email verified, first and last name set (so no required
     * action stops the login), a non-temporary password, member of {@code groupNames} (top-level groups, by name).
     *
     * @return the user's id
     */
    public String createUser(String realm, String username, String email, String password, List<String> groupNames) {
        var user = new JsonObject();
        user.addProperty("username", username);
        user.addProperty("email", email);
        user.addProperty("emailVerified", true);
        user.addProperty("enabled", true);
        user.addProperty("firstName", "Test");
        user.addProperty("lastName", username);
        var credential = new JsonObject();
        credential.addProperty("type", "password");
        credential.addProperty("value", password);
        credential.addProperty("temporary", false);
        var credentials = new JsonArray();
        credentials.add(credential);
        user.add("credentials", credentials);
        var created = send(authorized("/admin/realms/" + path(realm) + "/users").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(user.toString())), "create user " + username, true);
        var location = created.headers().firstValue("location")
                .orElseThrow(() -> new IllegalStateException("create user " + username + ": no Location header"));
        var id = location.substring(location.lastIndexOf('/') + 1);
        for (var group : groupNames) {
            send(authorized("/admin/realms/" + path(realm) + "/users/" + id + "/groups/" + groupId(realm, group))
                    .PUT(HttpRequest.BodyPublishers.noBody()), "join " + username + " to group " + group, true);
        }
        return id;
    }

    /** The id of the top-level group {@code name}. */
    public String groupId(String realm, String name) {
        var response = send(authorized("/admin/realms/" + path(realm) + "/groups?exact=true&search=" + encode(name)).GET(),
                "find group " + name, true);
        for (var g : JsonParser.parseString(response.body()).getAsJsonArray()) {
            var group = g.getAsJsonObject();
            if (group.get("name").getAsString().equals(name)) {
                return group.get("id").getAsString();
            }
        }
        throw new IllegalStateException("realm " + realm + " has no group '" + name + "'");
    }

    /** Whether the realm has a client with this client id. */
    public boolean clientExists(String realm, String clientId) {
        var response = send(authorized("/admin/realms/" + path(realm) + "/clients?clientId=" + encode(clientId)).GET(),
                "find client " + clientId, true);
        return JsonParser.parseString(response.body()).getAsJsonArray().size() > 0;
    }

    /** GET an admin resource as JSON, e.g. {@code /admin/realms/x/client-scopes}. */
    public Object get(String path) {
        var response = send(authorized(path).GET(), "GET " + path, true);
        return GSON.fromJson(response.body(), Object.class);
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token());
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what, boolean check) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted", e);
        }
        if (check) {
            check(response, what);
        }
        return response;
    }

    private static void check(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String path(String segment) {
        return encode(segment).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "KeycloakAdmin[" + base + ", " + username + "]";
    }
}
