package dev.citadel.verify;

import com.nimbusds.jose.jwk.JWKSet;
import dev.citadel.identity.OidcContract;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static dev.citadel.verify.CheckResult.fail;
import static dev.citadel.verify.CheckResult.pass;
import static dev.citadel.verify.CheckResult.skip;

/**
 * {@code citadel verify --gateway}: what Envoy Gateway will do with each planned JWT SecurityPolicy, done from this
 * machine against the live realm. The JWKS URI the policy names is fetched over verified TLS and must hold RS256 keys
 * and be the issuer's own {@code jwks_uri}; with a test user, a token from the policy's audience client must verify
 * with those keys, carry the policy's issuer and audience, and every claim its {@code claimToHeaders} forwards (a
 * forwarded claim the realm does not issue is a header Envoy silently leaves out). Lines never hold a token or the password.
 */
public final class GatewayVerifier {

    /**
     * One JWT provider of a planned SecurityPolicy.
     *
     * @param name          the policy as {@code namespace/name}
     * @param jwksUri       its {@code remoteJWKS.uri}
     * @param inCluster     the URI is Keycloak's Service, reached through {@code backendRefs} (not from here)
     * @param claims        the claims {@code claimToHeaders} forwards, in order
     * @param redirectUris  the redirect URIs of the realm client named by the first audience; empty when no realm of
     *                      the stack has that client (no login is attempted then)
     */
    public record Policy(String name, String issuer, List<String> audiences, String jwksUri, boolean inCluster,
                         List<String> claims, List<String> redirectUris) {
        public Policy {
            audiences = List.copyOf(audiences);
            claims = List.copyOf(claims);
            redirectUris = List.copyOf(redirectUris);
        }

        /** The client a token for this policy is asked of: its first audience (Citadel's JwtApi: the API's realm client). */
        String client() {
            return audiences.isEmpty() ? "" : audiences.get(0);
        }

        /** What Login and Discovery take: the policy's issuer and client; nothing here is about the API server. */
        OidcContract asContract() {
            return new OidcContract(issuer, "", client(), redirectUris, List.of(), "email", "-", "groups", "-",
                    List.of("RS256"), Map.of(), List.of(client()));
        }
    }

    private final List<Policy> policies;
    private final OidcVerifier.Options options;
    private final Clock clock;

    public GatewayVerifier(List<Policy> policies, OidcVerifier.Options options, Clock clock) {
        this.policies = List.copyOf(policies);
        this.options = options;
        this.clock = clock;
    }

    public Report run(Consumer<CheckResult> sink) {
        var results = new ArrayList<CheckResult>();
        for (var policy : policies) {
            Consumer<CheckResult> record = r -> {
                results.add(r);
                sink.accept(r);
            };
            try {
                check(policy, record);
            } catch (RuntimeException e) {
                record.accept(fail(prefix(policy) + OidcVerifier.UNEXPECTED, "the IdP answered something verify cannot read;"
                        + " the checks after it did not run"));
            }
        }
        return new Report(results);
    }

    static String prefix(Policy p) {
        return "gateway " + p.name() + " ";
    }

    private void check(Policy policy, Consumer<CheckResult> record) {
        var prefix = prefix(policy);
        Consumer<CheckResult> named = r -> record.accept(new CheckResult(r.status(), prefix + r.check(), r.detail()));
        var http = new IdpHttp(options.sslContext(), options.timeout());
        var discovery = new Discovery(policy.asContract(), http);
        var endpoints = discovery.endpoints(named);
        var keys = keys(policy, http, record);
        if (endpoints.isEmpty()) {
            record.accept(skip(prefix + "jwks-uri", "no discovery document for the policy's issuer (see " + prefix + "discovery)"));
        } else {
            sameJwks(policy, endpoints.get(), record);
        }
        var token = prefix + "token";
        var claims = prefix + "claims";
        if (options.user().isEmpty()) {
            record.accept(skip(token, "no --user given; pass a test user (and its password) to check a token of '" + policy.client() + "'"));
            return;
        }
        if (policy.redirectUris().isEmpty()) {
            record.accept(skip(token, "the policy's audience '" + policy.client() + "' is no client of a realm this stack declares,"
                    + " so verify cannot log in through it"));
            return;
        }
        if (endpoints.isEmpty()) {
            record.accept(skip(token, "no discovery document (see " + prefix + "discovery)"));
            return;
        }
        var contract = policy.asContract();
        var tokens = new Login(contract, http, new Kubelogin(contract)).tokens(endpoints.get(), options.user().get(),
                options.password(), named);
        if (tokens.isEmpty()) {
            return;
        }
        var access = tokens.get().accessToken();
        if (access.isEmpty()) {
            record.accept(fail(token, "the realm issued no JWT access token for '" + policy.client() + "': Envoy's JWT policy "
                    + "validates the bearer token, which must be a signed JWT"));
            return;
        }
        if (keys.isEmpty()) {
            record.accept(skip(token, "no keys from the policy's JWKS URI (see " + prefix + "jwks)"));
        } else {
            verifyToken(policy, access.get(), keys.get(), token, record);
        }
        forwardedClaims(policy, access.get(), claims, record);
    }

    /** The keys at the policy's own JWKS URI, as Envoy fetches them. */
    private Optional<JWKSet> keys(Policy policy, IdpHttp http, Consumer<CheckResult> record) {
        var check = prefix(policy) + "jwks";
        if (policy.inCluster()) {
            record.accept(skip(check, policy.jwksUri() + " is Keycloak's Service, which Envoy reaches inside the cluster "
                    + "(backendRefs); run verify where that name resolves to fetch it"));
            return Optional.empty();
        }
        try {
            var response = http.get(URI.create(policy.jwksUri()));
            if (response.statusCode() != 200) {
                record.accept(fail(check, "GET " + policy.jwksUri() + " answered HTTP " + response.statusCode()
                        + ": Envoy would reject every token; fix the realm name in the policy's remoteJWKS.uri"));
                return Optional.empty();
            }
            var jwks = SigningKeys.parse(response.body());
            var rs256 = SigningKeys.rs256(jwks);
            if (rs256.isEmpty()) {
                record.accept(fail(check, policy.jwksUri() + " holds no RS256 key: Envoy cannot verify the realm's tokens"));
                return Optional.empty();
            }
            record.accept(pass(check, rs256.size() + " RS256 key(s) at " + policy.jwksUri()));
            return Optional.of(jwks);
        } catch (IOException e) {
            record.accept(fail(check, "cannot reach " + policy.jwksUri() + ": " + IdpHttp.describe(e)));
        } catch (IllegalArgumentException e) {
            record.accept(fail(check, policy.jwksUri() + ": " + e.getMessage()));
        }
        return Optional.empty();
    }

    /** The policy's JWKS URI is the issuer's own (in-cluster: the same path on Keycloak's Service). */
    private static void sameJwks(Policy policy, Discovery.Endpoints endpoints, Consumer<CheckResult> record) {
        var check = prefix(policy) + "jwks-uri";
        var published = endpoints.jwks();
        var same = policy.inCluster()
                ? URI.create(policy.jwksUri()).getRawPath().equals(URI.create(published).getRawPath())
                : policy.jwksUri().equals(published);
        if (same) {
            record.accept(pass(check, "the issuer's discovery names " + published + (policy.inCluster() ? " (same path on the Service)" : "")));
        } else {
            record.accept(fail(check, "the policy fetches keys from " + policy.jwksUri() + ", the issuer " + policy.issuer()
                    + " publishes " + published + ": tokens of the realm would not verify (or another realm's would); "
                    + "take remoteJWKS.uri from the realm"));
        }
    }

    private void verifyToken(Policy policy, IdToken access, JWKSet keys, String check, Consumer<CheckResult> record) {
        var key = SigningKeys.forHeader(keys, access.header());
        if (key.isEmpty() || !access.verifiesWith(key.get())) {
            record.accept(fail(check, "the token of '" + policy.client() + "' (kid " + access.kid().orElse("none")
                    + ") does not verify with the keys at " + policy.jwksUri() + ": Envoy would answer 401"));
            return;
        }
        var iss = access.claims().getIssuer();
        if (!policy.issuer().equals(iss)) {
            record.accept(fail(check, "the token's iss is '" + iss + "', the policy's issuer '" + policy.issuer() + "': Envoy would answer 401"));
            return;
        }
        var aud = access.audience();
        if (policy.audiences().stream().noneMatch(aud::contains)) {
            record.accept(fail(check, "the token's aud " + aud + " holds none of the policy's audiences " + policy.audiences()
                    + ": Envoy would answer 401; give the realm client an audience mapper (OidcClient.withOwnAudience)"));
            return;
        }
        var exp = access.claims().getExpirationTime();
        if (exp == null || !exp.after(Date.from(clock.instant()))) {
            record.accept(fail(check, "the token has expired by this machine's clock: Envoy would answer 401"));
            return;
        }
        record.accept(pass(check, options.user().orElse("") + "'s token of '" + policy.client() + "' verifies with key "
                + key.get().getKeyID() + " from the policy's JWKS; iss " + iss + ", aud contains " + policy.client()));
    }

    private static void forwardedClaims(Policy policy, IdToken access, String check, Consumer<CheckResult> record) {
        var missing = policy.claims().stream().filter(c -> claim(access, c) == null).toList();
        if (missing.isEmpty()) {
            record.accept(pass(check, "every forwarded claim is in the token: " + String.join(", ", policy.claims())));
        } else {
            record.accept(fail(check, "the token lacks " + missing + ", which claimToHeaders forwards: Envoy sends no such header"
                    + (missing.contains("realm_access.roles") ? "; realm_access.roles needs the roles scope on client '"
                    + policy.client() + "'" : "; give the client the scope whose mapper issues it")));
        }
    }

    /** A claim by Envoy's dotted name ({@code realm_access.roles}), or null. */
    static Object claim(IdToken token, String dotted) {
        Object value = token.claims().getClaims();
        for (var part : dotted.split("\\.")) {
            value = value instanceof Map<?, ?> m ? m.get(part) : null;
        }
        return value;
    }
}
