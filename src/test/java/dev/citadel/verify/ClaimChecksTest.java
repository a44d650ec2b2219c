package dev.citadel.verify;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.citadel.verify.CheckResult.Status.FAIL;
import static dev.citadel.verify.CheckResult.Status.PASS;
import static dev.citadel.verify.CheckResult.Status.SKIP;
import static org.assertj.core.api.Assertions.assertThat;

class ClaimChecksTest {
    final JWKSet jwks = SigningKeys.parse(Tokens.jwks());

    List<CheckResult> check(JsonObject claims, List<String> expectGroups) {
        return ClaimChecks.all(IdToken.parse(Tokens.sign(claims)), jwks, Tokens.contract(), expectGroups, Tokens.NOW);
    }

    static CheckResult result(List<CheckResult> results, String check) {
        return results.stream().filter(r -> r.check().equals(check)).findFirst().orElseThrow(() -> new AssertionError(check + " in " + results));
    }

    @Test
    void aGoodTokenPassesAndNamesTheUserAndTheBindings() {
        var token = Tokens.sign(Tokens.claims());
        var results = ClaimChecks.all(IdToken.parse(token), jwks, Tokens.contract(), List.of("admin"), Tokens.NOW);

        assertThat(results).extracting(CheckResult::status).containsOnly(PASS);
        assertThat(results).extracting(CheckResult::line).containsExactly(
                "PASS id-token-signature: RS256, signature valid against JWKS key 'key-1'",
                "PASS token-times: exp in 5m 00s, iat now (IdP and local clocks within the allowed skew 60 s)",
                "PASS id-token-issuer: iss " + Tokens.ISSUER,
                "PASS id-token-audience: aud [kubernetes] contains kubernetes",
                "PASS username-claim: email ada@example.test, Kubernetes user 'oidc:ada@example.test'",
                "PASS groups-claim: groups [admin, viewer]",
                "PASS bindings: the user matches oidc:admin -> ClusterRole cluster-admin",
                "PASS expected-groups: has [admin]");
        assertThat(String.join("\n", results.stream().map(CheckResult::line).toList()))
                .doesNotContain(token).doesNotContain(token.split("\\.")[1]).doesNotContain(token.split("\\.")[2]);
    }

    @Test
    void aSignatureByAnotherKeyFails() {
        var results = ClaimChecks.all(IdToken.parse(Tokens.sign(Tokens.claims(), "RS256", "key-1", Tokens.OTHER_KEY)), jwks,
                Tokens.contract(), List.of(), Tokens.NOW);

        assertThat(result(results, ClaimChecks.SIGNATURE).line()).startsWith("FAIL").contains("does not verify against JWKS key 'key-1'");
    }

    @Test
    void anUnknownKidOrAnotherAlgFails() {
        var unknownKid = ClaimChecks.signature(IdToken.parse(Tokens.sign(Tokens.claims(), "RS256", "rotated", Tokens.KEY)), jwks, Tokens.contract());
        var hs256 = ClaimChecks.signature(IdToken.parse(Tokens.sign(Tokens.claims(), "HS256", "key-1", Tokens.KEY)), jwks, Tokens.contract());

        assertThat(unknownKid.line()).startsWith("FAIL").contains("no RS256 key with kid 'rotated'");
        assertThat(hs256.line()).startsWith("FAIL").contains("signed with 'HS256'", "accepts only [RS256]");
    }

    @Test
    void theEncryptionKeyIsNeverUsedToVerify() {
        var signedWithEncKey = IdToken.parse(Tokens.sign(Tokens.claims(), "RS256", "enc-1", Tokens.OTHER_KEY));

        assertThat(ClaimChecks.signature(signedWithEncKey, jwks, Tokens.contract()).status()).isEqualTo(FAIL);
    }

    @Test
    void anotherIssuerOrAudienceFails() {
        var claims = Tokens.claims();
        claims.addProperty("iss", Tokens.ISSUER + "/");
        claims.addProperty("aud", "account");
        var results = check(claims, List.of());

        assertThat(result(results, ClaimChecks.ISSUER).line()).startsWith("FAIL").contains("expects '" + Tokens.ISSUER + "' exactly");
        assertThat(result(results, ClaimChecks.AUDIENCE).line()).startsWith("FAIL").contains("[account]", "'kubernetes'");
    }

    @Test
    void aMissingOrUnverifiedEmailFails() {
        var missing = Tokens.claims();
        missing.remove("email");
        var unverified = Tokens.claims();
        unverified.addProperty("email_verified", false);

        assertThat(result(check(missing, List.of()), ClaimChecks.USERNAME).line()).startsWith("FAIL").contains("no 'email' claim");
        assertThat(result(check(unverified, List.of()), ClaimChecks.USERNAME).line()).startsWith("FAIL").contains("not verified");
    }

    @Test
    void noGroupsClaimMeansForbiddenAndSkipsTheBindings() {
        var claims = Tokens.claims();
        claims.remove("groups");
        var results = check(claims, List.of("admin"));

        assertThat(result(results, ClaimChecks.GROUPS).line()).startsWith("FAIL groups-claim:")
                .contains("authenticate but get Forbidden", "'groups' scope", "group-membership mapper");
        assertThat(result(results, ClaimChecks.BINDINGS).status()).isEqualTo(SKIP);
        assertThat(result(results, ClaimChecks.EXPECTED_GROUPS).status()).isEqualTo(SKIP);
    }

    @Test
    void fullGroupPathsFail() {
        var claims = Tokens.claims();
        var paths = new JsonArray();
        paths.add("/admin");
        claims.add("groups", paths);

        assertThat(result(check(claims, List.of()), ClaimChecks.GROUPS).line()).startsWith("FAIL")
                .contains("[/admin]", "full group path", "'oidc:admin' never match");
    }

    /** kube-apiserver takes a single string as one group: so does verify; a number or an object it does not. */
    @Test
    void aGroupsStringIsOneGroupButANumberIsNothing() {
        var claims = Tokens.claims();
        claims.addProperty("groups", "admin");
        var results = check(claims, List.of());
        assertThat(result(results, ClaimChecks.GROUPS).line()).isEqualTo("PASS groups-claim: groups [admin] (a single string, taken as one group)");
        assertThat(result(results, ClaimChecks.BINDINGS).line()).startsWith("PASS").contains("oidc:admin");

        claims.addProperty("groups", 7);
        assertThat(result(check(claims, List.of()), ClaimChecks.GROUPS).line()).startsWith("FAIL").contains("not a JSON array");
    }

    @Test
    void anEmailVerifiedThatIsNotABooleanFails() {
        var claims = Tokens.claims();
        claims.addProperty("email_verified", "false");
        assertThat(result(check(claims, List.of()), ClaimChecks.USERNAME).line()).startsWith("FAIL").contains("not a boolean");
        claims.addProperty("email_verified", "true");
        assertThat(result(check(claims, List.of()), ClaimChecks.USERNAME).line()).startsWith("FAIL").contains("not a boolean");
        claims.addProperty("email_verified", true);
        assertThat(result(check(claims, List.of()), ClaimChecks.USERNAME).line()).startsWith("PASS");
    }

    @Test
    void groupsThatMatchNoBindingFail() {
        var claims = Tokens.claims();
        var groups = new JsonArray();
        groups.add("viewer");
        claims.add("groups", groups);

        assertThat(result(check(claims, List.of()), ClaimChecks.BINDINGS).line()).startsWith("FAIL bindings:")
                .contains("[oidc:viewer] is bound", "[oidc:admin, oidc:developer]", "Forbidden");
    }

    @Test
    void aMissingExpectedGroupFails() {
        var results = check(Tokens.claims(), List.of("admin", "developer"));

        assertThat(result(results, ClaimChecks.EXPECTED_GROUPS).line()).isEqualTo(
                "FAIL expected-groups: missing [developer] (the token has [admin, viewer]): add the user to them in the IdP, or check the groups mapper");
        assertThat(check(Tokens.claims(), List.of())).extracting(CheckResult::check).doesNotContain(ClaimChecks.EXPECTED_GROUPS);
    }
}
