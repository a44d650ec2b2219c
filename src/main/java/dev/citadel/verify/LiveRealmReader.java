package dev.citadel.verify;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads a live realm through Keycloak's admin REST API, GETs only, into the shape of the RealmRepresentation
 * Citadel declares (groups nested with {@code subGroups}, clients with their scope names, client scopes with their
 * mappers, default groups as paths, identity providers), keeping Keycloak's ids for {@code citadel realm-ids}.
 *
 * <p>Bounded: one deadline for the whole read (a slow or hostile server is a failure, not a hung CI job), bodies
 * capped by {@link IdpHttp}, at most {@link #MAX_OBJECTS} groups or clients. https only (IdpHttp refuses anything
 * else), so the admin password goes only to a server whose certificate verified.
 */
public final class LiveRealmReader {
    /** Far above a homelab's or a company's realm; a server answering more is not one to keep reading. */
    static final int MAX_OBJECTS = 5_000;
    private static final int PAGE = 100;
    private static final Duration PER_REQUEST = Duration.ofSeconds(15);

    /**
     * @param keycloak   Keycloak's base URL, e.g. {@code https://sso.example.org} (the issuer without {@code /realms/...})
     * @param adminRealm the realm the credentials belong to ({@code master} for the bootstrap admin)
     * @param deadline   the whole read, token included
     */
    public record Options(URI keycloak, String adminRealm, AdminCredentials credentials, SSLContext tls, Duration deadline) {
    }

    /** A read that could not finish; the message is one line a person can act on, never holding a secret. */
    public static final class ReadFailure extends Exception {
        public ReadFailure(String message) {
            super(message);
        }
    }

    private final Options options;
    private final IdpHttp http;
    private long deadlineNanos;
    private String token;

    public LiveRealmReader(Options options) {
        this.options = options;
        this.http = new IdpHttp(options.tls(), PER_REQUEST);
    }

    /** The live realm, or a failure; a realm Keycloak does not have is a failure saying so. */
    public JsonObject read(String realm) throws ReadFailure {
        deadlineNanos = System.nanoTime() + options.deadline().toNanos();
        token = token();
        try {
            return readAll(realm);
        } catch (IllegalStateException | UnsupportedOperationException | ClassCastException | NullPointerException e) {
            // getAs... on a field of another shape: a server that is not Keycloak's admin API (or a version it does not know)
            throw new ReadFailure("an answer of " + options.keycloak() + " lacks the fields Keycloak's admin API has: not Keycloak 26's");
        }
    }

    private JsonObject readAll(String realm) throws ReadFailure {
        var base = "/admin/realms/" + segment(realm);
        var live = object(get(base, "the realm '" + realm + "'", true));
        live.add("groups", groups(base, base + "/groups", 0, new int[]{0}));
        var defaults = new JsonArray();
        for (var g : array(get(base + "/default-groups", "the default groups", false))) {
            defaults.add(g.getAsJsonObject().get("path"));
        }
        live.add("defaultGroups", defaults);
        var clients = paged(base + "/clients", "the clients");
        for (var c : clients) {
            var client = c.getAsJsonObject();
            var id = segment(client.get("id").getAsString());
            var name = "the scopes of client '" + client.get("clientId").getAsString() + "'";
            client.add("defaultClientScopes", names(get(base + "/clients/" + id + "/default-client-scopes", name, false)));
            client.add("optionalClientScopes", names(get(base + "/clients/" + id + "/optional-client-scopes", name, false)));
        }
        live.add("clients", clients);
        live.add("clientScopes", array(get(base + "/client-scopes", "the client scopes", false)));
        live.add("defaultDefaultClientScopes", names(get(base + "/default-default-client-scopes", "the realm's default scopes", false)));
        live.add("defaultOptionalClientScopes", names(get(base + "/default-optional-client-scopes", "the realm's optional scopes", false)));
        live.add("identityProviders", array(get(base + "/identity-provider/instances", "the identity providers", false)));
        return live;
    }

    /**
     * Keycloak 26 lists top-level groups without their sub-groups ({@code subGroups} stays empty, only
     * {@code subGroupCount} is set): each level comes from {@code /groups/<id>/children}.
     */
    private JsonArray groups(String base, String path, int depth, int[] seen) throws ReadFailure {
        var groups = paged(path, depth == 0 ? "the groups" : "the sub-groups");
        seen[0] += groups.size();
        if (seen[0] > MAX_OBJECTS || depth > 64) {
            throw new ReadFailure("the realm has more than " + MAX_OBJECTS + " groups (or groups nested deeper than 64): not read");
        }
        for (var g : groups) {
            var group = g.getAsJsonObject();
            var count = group.has("subGroupCount") ? group.get("subGroupCount").getAsLong() : -1;
            if (count != 0) {
                group.add("subGroups", groups(base, base + "/groups/" + segment(group.get("id").getAsString()) + "/children",
                        depth + 1, seen));
            }
        }
        return groups;
    }

    private JsonArray paged(String path, String what) throws ReadFailure {
        var all = new JsonArray();
        for (var first = 0; ; first += PAGE) {
            var page = array(get(path + "?briefRepresentation=false&first=" + first + "&max=" + PAGE, what, false));
            all.addAll(page);
            if (all.size() > MAX_OBJECTS) {
                throw new ReadFailure(what + ": more than " + MAX_OBJECTS + ": not read");
            }
            if (page.size() < PAGE) {
                return all;
            }
        }
    }

    private static JsonArray names(JsonElement scopes) throws ReadFailure {
        var names = new JsonArray();
        for (var s : array(scopes)) {
            names.add(s.getAsJsonObject().get("name"));
        }
        return names;
    }

    private String token() throws ReadFailure {
        var uri = options.keycloak().resolve("/realms/" + segment(options.adminRealm()) + "/protocol/openid-connect/token");
        var who = options.credentials().who() + " of realm '" + options.adminRealm() + "'";
        try {
            var response = http.postFormForJson(uri, options.credentials().tokenForm());
            if (response.statusCode() != 200) {
                throw new ReadFailure("Keycloak refused a token to the " + who + ": HTTP " + response.statusCode()
                        + oauthError(response.body()) + "; check the credentials and the admin realm (--admin-realm)");
            }
            var answer = JsonParser.parseString(response.body());
            if (answer.isJsonObject() && answer.getAsJsonObject().get("access_token") instanceof com.google.gson.JsonPrimitive t) {
                return t.getAsString();
            }
        } catch (IOException e) {
            throw new ReadFailure("cannot reach Keycloak at " + options.keycloak() + ": " + IdpHttp.describe(e));
        } catch (JsonParseException e) {
            // fall through: not Keycloak's token endpoint
        }
        throw new ReadFailure(uri + " answered without an access token: not Keycloak's token endpoint");
    }

    /** Keycloak's {@code error} and {@code error_description}, never the request (which held the secret). */
    private static String oauthError(String body) {
        try {
            var o = JsonParser.parseString(body).getAsJsonObject();
            var error = o.has("error") ? o.get("error").getAsString() : "";
            var description = o.has("error_description") ? o.get("error_description").getAsString() : "";
            var both = (error + (description.isEmpty() ? "" : ": " + description)).strip();
            return both.isEmpty() ? "" : " (" + both + ")";
        } catch (RuntimeException e) {
            return "";
        }
    }

    private JsonElement get(String path, String what, boolean realm) throws ReadFailure {
        for (var attempt = 0; ; attempt++) {
            var left = Duration.ofNanos(deadlineNanos - System.nanoTime());
            if (left.isNegative() || left.isZero()) {
                throw new ReadFailure("reading " + what + " did not finish within " + options.deadline().toSeconds() + " s");
            }
            try {
                var response = http.getAuthorized(options.keycloak().resolve(path), token, left);
                var status = response.statusCode();
                // The master realm's admin tokens live 60 s by default; a long read outlives one.
                if (status == 401 && attempt == 0) {
                    token = token();
                    continue;
                }
                if (status == 404 && realm) {
                    throw new ReadFailure("Keycloak at " + options.keycloak() + " has no realm " + what.substring("the realm ".length())
                            + " (the import has not run, or the URL or realm name is wrong)");
                }
                if (status == 403) {
                    throw new ReadFailure("the " + options.credentials().who() + " may not read " + what + " (HTTP 403): give it"
                            + " the realm-management roles view-realm, view-clients, view-identity-providers and query-groups");
                }
                if (status != 200) {
                    throw new ReadFailure("reading " + what + " answered HTTP " + status);
                }
                return JsonParser.parseString(response.body());
            } catch (IOException e) {
                throw new ReadFailure("reading " + what + " from " + options.keycloak() + ": " + IdpHttp.describe(e));
            } catch (JsonParseException e) {
                throw new ReadFailure("reading " + what + ": the answer is not JSON: not Keycloak's admin API");
            }
        }
    }

    private static JsonObject object(JsonElement e) throws ReadFailure {
        if (e == null || !e.isJsonObject()) {
            throw new ReadFailure("the realm's representation is not a JSON object: not Keycloak's admin API");
        }
        return e.getAsJsonObject();
    }

    private static JsonArray array(JsonElement e) throws ReadFailure {
        if (e == null || !e.isJsonArray()) {
            throw new ReadFailure("Keycloak answered a list request with something else: not Keycloak's admin API");
        }
        return e.getAsJsonArray();
    }

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
