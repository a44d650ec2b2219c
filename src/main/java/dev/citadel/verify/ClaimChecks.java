package dev.citadel.verify;

import com.google.gson.Gson;
import com.nimbusds.jose.jwk.JWKSet;
import dev.citadel.identity.OidcContract;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.citadel.verify.CheckResult.fail;
import static dev.citadel.verify.CheckResult.pass;
import static dev.citadel.verify.CheckResult.skip;

/**
 * What the Kubernetes API server will do with an ID token, judged against the {@link OidcContract}: the
 * signature (nimbus-jose-jwt's RS256 verifier, the key picked by its JWK matcher), the token's times against the
 * clock ({@link TokenTimes}), {@code iss}, {@code aud}, the user name and the groups, and which ClusterRoleBindings
 * the groups reach. Pure: no network, the clock passed in, so every verdict is unit-tested. Details show claims
 * (iss, aud, the user name, groups), never the token.
 */
public final class ClaimChecks {
    public static final String SIGNATURE = "id-token-signature";
    public static final String ISSUER = "id-token-issuer";
    public static final String AUDIENCE = "id-token-audience";
    public static final String USERNAME = "username-claim";
    public static final String GROUPS = "groups-claim";
    public static final String BINDINGS = "bindings";
    public static final String EXPECTED_GROUPS = "expected-groups";

    private ClaimChecks() {
    }

    /** Every claim check, in order; {@code expectGroups} empty leaves out the expected-groups check. */
    public static List<CheckResult> all(IdToken token, JWKSet jwks, OidcContract contract, List<String> expectGroups, Instant now) {
        var results = new ArrayList<CheckResult>();
        results.add(signature(token, jwks, contract));
        results.add(TokenTimes.check(token.claims(), now));
        results.add(issuer(token, contract));
        results.add(audience(token, contract));
        results.add(username(token, contract));
        var groups = groups(token, contract);
        results.add(groups.result());
        if (groups.names() == null) {
            results.add(skip(BINDINGS, "no usable groups claim (see " + GROUPS + ")"));
            if (!expectGroups.isEmpty()) {
                results.add(skip(EXPECTED_GROUPS, "no usable groups claim (see " + GROUPS + ")"));
            }
            return results;
        }
        results.add(bindings(groups.names(), contract));
        if (!expectGroups.isEmpty()) {
            results.add(expectedGroups(groups.names(), expectGroups));
        }
        return results;
    }

    public static CheckResult signature(IdToken token, JWKSet jwks, OidcContract contract) {
        var alg = token.alg();
        if (!contract.signingAlgs().contains(alg)) {
            return fail(SIGNATURE, "the ID token is signed with '" + alg + "' but the API server accepts only "
                    + contract.signingAlgs() + " (--oidc-signing-algs): set the realm's (or the client's) ID token signature "
                    + "algorithm to " + contract.signingAlgs().get(0));
        }
        if (!alg.equals("RS256")) {
            return fail(SIGNATURE, "the ID token is signed with " + alg + ", which verify cannot check (it verifies RS256)");
        }
        var keys = SigningKeys.rs256(jwks);
        var kid = token.kid();
        var key = SigningKeys.forHeader(jwks, token.header());
        if (key.isEmpty()) {
            return fail(SIGNATURE, kid.map(k -> "the JWKS has no RS256 key with kid '" + k + "'")
                    .orElse("the ID token names no kid and the JWKS has " + keys.size() + " RS256 keys")
                    + ": the API server cannot verify the token; check the realm's active RSA key provider");
        }
        if (!token.verifiesWith(key.get())) {
            return fail(SIGNATURE, "the RS256 signature does not verify against JWKS key '" + key.get().getKeyID()
                    + "': the API server would reject every token; check that the issuer serves its own keys");
        }
        return pass(SIGNATURE, "RS256, signature valid against JWKS key '" + key.get().getKeyID() + "'");
    }

    public static CheckResult issuer(IdToken token, OidcContract contract) {
        var iss = token.stringClaim("iss").orElse("");
        if (!iss.equals(contract.issuerUrl())) {
            return fail(ISSUER, "iss is '" + iss + "', the API server expects '" + contract.issuerUrl()
                    + "' exactly: set the IdP's hostname so it issues tokens for that URL, or fix the stack's issuer");
        }
        return pass(ISSUER, "iss " + iss);
    }

    public static CheckResult audience(IdToken token, OidcContract contract) {
        var aud = token.audience();
        if (!aud.contains(contract.clientId())) {
            return fail(AUDIENCE, "aud is " + aud + ", without the client id '" + contract.clientId()
                    + "' the API server expects (--oidc-client-id): log in through that client, or fix the stack's clientId");
        }
        return pass(AUDIENCE, "aud " + aud + " contains " + contract.clientId());
    }

    public static CheckResult username(IdToken token, OidcContract contract) {
        var claim = contract.usernameClaim();
        var value = token.stringClaim(claim);
        if (value.isEmpty() || value.get().isBlank()) {
            return fail(USERNAME, "the ID token has no '" + claim + "' claim: the API server rejects the token (the user"
                    + " cannot log in); give the client the scope that carries it (e.g. the '" + claim
                    + "' client scope as a default scope) or set the user's " + claim);
        }
        var verified = token.claim("email_verified");
        if (claim.equals("email") && verified.isPresent()) {
            if (!(verified.get() instanceof Boolean v)) {
                return fail(USERNAME, "email_verified is " + json(verified.get()) + ", not a boolean: the API server rejects the"
                        + " token; map email_verified with JSON type boolean");
            }
            if (!v) {
                return fail(USERNAME, "email " + value.get() + " is not verified (email_verified false): the API server"
                        + " rejects an email user name that is not verified; verify the user's email in the IdP");
            }
        }
        var prefix = contract.usernamePrefix().equals("-") ? "" : contract.usernamePrefix();
        return pass(USERNAME, claim + " " + value.get() + ", Kubernetes user '" + prefix + value.get() + "'");
    }

    /** The groups verdict and, when usable, the plain group names. */
    public record Groups(CheckResult result, List<String> names) {
    }

    public static Groups groups(IdToken token, OidcContract contract) {
        var claim = contract.groupsClaim();
        var value = token.claim(claim);
        if (value.isEmpty()) {
            return new Groups(fail(GROUPS, "the ID token has no '" + claim + "' claim: users will authenticate but get"
                    + " Forbidden on everything; the client needs the '" + claim + "' scope (a default client scope)"
                    + " with a group-membership mapper (claim '" + claim + "', full group path off, added to the ID token)"), null);
        }
        if (value.get() instanceof String one) {
            // The API server takes a single string as one group.
            if (one.startsWith("/")) {
                return new Groups(fail(GROUPS, "'" + claim + "' holds the group path " + one + ": turn the mapper's full.path off"), null);
            }
            return new Groups(pass(GROUPS, claim + " [" + one + "] (a single string, taken as one group)"), List.of(one));
        }
        if (!(value.get() instanceof List<?> array)) {
            return new Groups(fail(GROUPS, "'" + claim + "' is " + json(value.get()) + ", not a JSON array of group names:"
                    + " the API server ignores it; make the mapper multivalued (a group-membership mapper is)"), null);
        }
        var names = new ArrayList<String>();
        for (var e : array) {
            if (!(e instanceof String name)) {
                return new Groups(fail(GROUPS, "'" + claim + "' holds " + json(e) + ", not a group name"), null);
            }
            names.add(name);
        }
        var paths = names.stream().filter(n -> n.startsWith("/")).toList();
        if (!paths.isEmpty()) {
            return new Groups(fail(GROUPS, "'" + claim + "' holds group paths " + paths + ": the group-membership mapper"
                    + " has 'full group path' on, so RBAC subjects like '" + contract.groupsPrefix()
                    + paths.get(0).substring(1) + "' never match; turn full.path off"), null);
        }
        return new Groups(pass(GROUPS, claim + " " + names), List.copyOf(names));
    }

    public static CheckResult bindings(List<String> groups, OidcContract contract) {
        var prefix = contract.groupsPrefix();
        var matched = new ArrayList<String>();
        for (Map.Entry<String, String> b : contract.bindings().entrySet()) {
            if (b.getKey().startsWith(prefix) && groups.contains(b.getKey().substring(prefix.length()))) {
                matched.add(b.getKey() + " -> ClusterRole " + b.getValue());
            }
        }
        if (matched.isEmpty()) {
            return fail(BINDINGS, "none of the user's groups " + groups.stream().map(g -> prefix + g).toList()
                    + " is bound; the bindings are for " + contract.bindings().keySet()
                    + ": the user will get Forbidden; add the user to one of those groups (or bind a group they have)");
        }
        return pass(BINDINGS, "the user matches " + String.join(", ", matched));
    }

    public static CheckResult expectedGroups(List<String> groups, List<String> expected) {
        var missing = expected.stream().filter(g -> !groups.contains(g)).toList();
        if (!missing.isEmpty()) {
            return fail(EXPECTED_GROUPS, "missing " + missing + " (the token has " + groups
                    + "): add the user to them in the IdP, or check the groups mapper");
        }
        return pass(EXPECTED_GROUPS, "has " + expected);
    }

    /** A claim value as JSON, the way the token carries it ({@code "false"} for a string, {@code false} for a boolean). */
    private static String json(Object value) {
        return new Gson().toJson(value);
    }
}
