package dev.citadel.verify;

import dev.citadel.identity.OidcContract;
import dev.citadel.identity.keycloak.KeycloakExtension;
import dev.citadel.identity.keycloak.KeycloakServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An IdP whose clock is off, against the real Keycloak 26: the tokens are Keycloak's own, and verify's clock is
 * shifted by hours the way the IdP host's would be (this machine cannot move Keycloak's clock). Every other check
 * passes, so the one FAIL line is the clock, and it says so.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeycloakTokenClockIT {
    static final String REALM = "citadel-clock-test";
    static final String PASSWORD = "Clk-4wT-correct-battery";

    final KeycloakServer keycloak;

    KeycloakTokenClockIT(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    @BeforeAll
    void realm() {
        var admin = keycloak.admin();
        admin.importVerifyRealm(REALM);
        admin.createUser(REALM, "ada", "ada@example.test", PASSWORD, List.of("admin"));
    }

    @AfterAll
    void dropRealm() {
        keycloak.admin().deleteRealm(REALM);
    }

    OidcContract contract() {
        return new OidcContract(keycloak.issuer(REALM), REALM, "kubernetes", List.of("http://localhost:8000/*"),
                List.of("profile", "email", "groups"), "email", "oidc:", "groups", "oidc:", List.of("RS256"),
                Map.of("oidc:admin", "cluster-admin"), List.of("kubernetes"));
    }

    /** verify against Keycloak with this machine's clock moved by {@code shift}; the lines. */
    List<String> verifyWithClockShiftedBy(Duration shift) {
        var lines = new ArrayList<String>();
        new OidcVerifier(contract(), OidcVerifier.Options.login("ada@example.test", PASSWORD, List.of("admin"),
                keycloak.sslContext()), Clock.offset(Clock.systemUTC(), shift)).run(r -> lines.add(r.line()));
        assertThat(lines).as(String.join("\n", lines))
                .anySatisfy(l -> assertThat(l).startsWith("PASS login: ada@example.test logged in"))
                .anySatisfy(l -> assertThat(l).startsWith("PASS id-token-signature: RS256, signature valid"))
                .anySatisfy(l -> assertThat(l).startsWith("PASS bindings: the user matches oidc:admin"));
        assertThat(lines.stream().filter(l -> l.startsWith("FAIL")).toList()).as(String.join("\n", lines))
                .allSatisfy(l -> assertThat(l).startsWith("FAIL " + TokenTimes.CHECK + ": "));
        assertThat(String.join("\n", lines)).doesNotContain(PASSWORD).doesNotContain("eyJ");
        return lines;
    }

    static String times(List<String> lines) {
        return lines.stream().filter(l -> l.contains(" " + TokenTimes.CHECK + ": ")).findFirst()
                .orElseThrow(() -> new AssertionError("no token-times line in " + lines));
    }

    @Test
    void aKeycloakTokenWhoseExpIsPastIsAFailNamingTheIdpsClock() {
        // This machine 3 hours ahead: Keycloak's fresh token expired hours ago, as a lagging IdP clock makes it.
        var line = times(verifyWithClockShiftedBy(Duration.ofHours(3)));

        assertThat(line).startsWith("FAIL token-times: exp ").contains("past by this machine's clock",
                "the IdP's clock is behind this machine's by about 3h 00m", "the API server rejects it as expired", "allowed skew 60 s");
    }

    @Test
    void aKeycloakTokenIssuedInTheFutureIsAFailNamingTheIdpsClock() {
        // This machine 2 hours behind: Keycloak's iat lies 2 hours in the future, as a racing IdP clock makes it.
        var line = times(verifyWithClockShiftedBy(Duration.ofHours(-2)));

        assertThat(line).startsWith("FAIL token-times: iat ").contains("in the future by this machine's clock",
                "the IdP's clock is ahead of this machine's by about 2h 00m", "allowed skew 60 s");
    }

    @Test
    void aKeycloakTokenWithinTheSkewPasses() {
        // 50 s apart is within the allowed skew: a small drift is not a failure.
        var line = times(verifyWithClockShiftedBy(Duration.ofSeconds(-50)));

        assertThat(line).startsWith("PASS token-times: exp in ").contains("within the allowed skew 60 s");
    }
}
