package dev.citadel.verify;

import com.nimbusds.jose.jwk.JWKSet;
import dev.citadel.identity.OidcContract;

import javax.net.ssl.SSLContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static dev.citadel.verify.CheckResult.fail;
import static dev.citadel.verify.CheckResult.pass;
import static dev.citadel.verify.CheckResult.skip;

/**
 * The post-deploy smoke checks of {@code citadel verify}: a live IdP against the stack's {@link OidcContract}, in
 * order: {@link Discovery} (the document, JWKS, signing algorithms), a {@link ClientProbe} per client, a
 * kubelogin {@link Login} with the test user, and its ID token judged by {@link ClaimChecks} against this
 * machine's clock. Each step's failure turns the steps that need it into SKIP lines. Nothing it reports holds
 * the password, the code or a token.
 */
public final class OidcVerifier {
    public static final String DISCOVERY = "discovery";
    public static final String JWKS = "jwks";
    public static final String SIGNING_ALGS = "signing-algs";
    public static final String CLIENT = "client ";
    public static final String LOGIN = "login";
    public static final String UNEXPECTED = "idp-answer";

    /**
     * @param user         the test user (user name or email), or empty to skip the login checks
     * @param password     the test user's password (required with a user)
     * @param expectGroups plain group names the user must have
     * @param sslContext   the TLS trust for the IdP
     * @param timeout      per request
     */
    public record Options(Optional<String> user, String password, List<String> expectGroups, SSLContext sslContext,
                          Duration timeout) {
        public Options {
            expectGroups = List.copyOf(expectGroups);
            if (user.isPresent() && (password == null || password.isEmpty())) {
                throw new IllegalArgumentException("a login as " + user.get() + " needs a password");
            }
        }

        public static Options withoutLogin(SSLContext sslContext) {
            return new Options(Optional.empty(), null, List.of(), sslContext, Duration.ofSeconds(15));
        }

        public static Options login(String user, String password, List<String> expectGroups, SSLContext sslContext) {
            return new Options(Optional.of(user), password, expectGroups, sslContext, Duration.ofSeconds(15));
        }

        /** Never the password. */
        @Override
        public String toString() {
            return "Options[user=" + user.orElse("") + ", expectGroups=" + expectGroups + ", timeout=" + timeout + "]";
        }
    }

    private final OidcContract contract;
    private final Options options;
    private final Clock clock;
    private final Discovery discovery;
    private final ClientProbe probe;
    private final Login login;

    public OidcVerifier(OidcContract contract, Options options) {
        this(contract, options, Clock.systemUTC());
    }

    /**
     * @param clock what the token's exp, nbf and iat are judged against: the API server's clock, which this
     *              machine's stands for (tests shift it to show an IdP whose clock is off)
     */
    public OidcVerifier(OidcContract contract, Options options, Clock clock) {
        this.contract = contract;
        this.options = options;
        this.clock = clock;
        var http = new IdpHttp(options.sslContext(), options.timeout());
        var kubelogin = new Kubelogin(contract);
        this.discovery = new Discovery(contract, http);
        this.probe = new ClientProbe(contract, http, kubelogin);
        this.login = new Login(contract, http, kubelogin);
    }

    /** Runs every check, handing each verdict to {@code sink} as soon as it is known. */
    public Report run(Consumer<CheckResult> sink) {
        var results = new ArrayList<CheckResult>();
        Consumer<CheckResult> record = r -> {
            results.add(r);
            sink.accept(r);
        };
        try {
            checks(record);
        } catch (RuntimeException e) {
            // A malformed answer (a missing field, an odd type) is the IdP's fault, reported as a verdict, not a crash.
            record.accept(fail(UNEXPECTED, "the IdP answered something verify cannot read" + printable(e.getMessage())
                    + "; the checks after it did not run"));
        }
        return new Report(results);
    }

    /** An error's detail, unless it could carry the password, a token or an authorization code. */
    private String printable(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        var password = options.password();
        var credential = (password != null && !password.isEmpty() && message.contains(password))
                || message.contains("eyJ") || message.contains("code=");
        return credential ? " (details withheld: they may contain credentials)" : " (" + message + ")";
    }

    private void checks(Consumer<CheckResult> record) {
        var found = discovery.endpoints(record);
        if (found.isEmpty()) {
            for (var check : List.of(JWKS, SIGNING_ALGS)) {
                record.accept(skip(check, "no discovery document (see " + DISCOVERY + ")"));
            }
            for (var id : clients()) {
                record.accept(skip(CLIENT + id, "no discovery document (see " + DISCOVERY + ")"));
            }
            record.accept(skip(LOGIN, "no discovery document (see " + DISCOVERY + ")"));
            return;
        }
        var endpoints = found.get();
        var jwks = discovery.keys(endpoints, record);
        discovery.signingAlgs(endpoints, record);
        var cliClientOk = true;
        for (var id : clients()) {
            var ok = probe.check(endpoints, id, record);
            if (id.equals(contract.clientId())) {
                cliClientOk = ok;
            }
        }
        if (options.user().isEmpty()) {
            record.accept(skip(LOGIN, "no --user given; pass a test user (and its password) to check a real login and its ID token"));
        } else if (!cliClientOk) {
            record.accept(skip(LOGIN, "the CLI client '" + contract.clientId() + "' cannot start a login (see " + CLIENT + contract.clientId() + ")"));
        } else {
            var token = login.idToken(endpoints, options.user().get(), options.password(), record);
            if (token.isPresent()) {
                // The token's times are read right after the login, as the API server would on its first request.
                var now = clock.instant();
                if (jwks.isEmpty()) {
                    record.accept(skip(ClaimChecks.SIGNATURE, "no JWKS (see " + JWKS + ")"));
                    ClaimChecks.all(token.get(), new JWKSet(), contract, options.expectGroups(), now).stream()
                            .skip(1).forEach(record);
                } else {
                    ClaimChecks.all(token.get(), jwks.get(), contract, options.expectGroups(), now).forEach(record);
                }
            }
        }
    }

    private List<String> clients() {
        var ids = new LinkedHashSet<String>();
        ids.add(contract.clientId());
        ids.addAll(contract.clientIds());
        return List.copyOf(ids);
    }
}
