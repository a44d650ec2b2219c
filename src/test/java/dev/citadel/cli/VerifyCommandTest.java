package dev.citadel.cli;

import dev.citadel.identity.OidcContract;
import dev.citadel.plan.Plan;
import dev.citadel.value.Prop;
import dev.citadel.value.PropDecoder;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code citadel verify}'s usage and configuration errors; the checks run against Keycloak in KeycloakVerifyIT. */
class VerifyCommandTest {

    /** Runs the CLI with {@code verify} seeing {@code env} and {@code stdin}. */
    static Cli.Result run(Map<String, String> env, String stdin, String... args) {
        return run(new VerifyCommand(env::get, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                (projectDir, stack) -> VerifyCommand.contract(PlanCommand.plan(projectDir, stack), stack)), args);
    }

    /** Runs the CLI with this {@code verify} command. */
    static Cli.Result run(VerifyCommand verify, String... args) {
        var factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == VerifyCommand.class) {
                    return cls.cast(verify);
                }
                return CommandLine.defaultFactory().create(cls);
            }
        };
        return Cli.run(factory, args);
    }

    static Cli.Result run(String... args) {
        return run(Map.of(), "", args);
    }

    /** A project whose stack has no citadel:identity section. */
    private static final String NO_IDENTITY = dev.citadel.testing.Read.testProject("mistakes").toString();

    @Test
    void aStackWithoutAnIdentityOutputIsOneLine() {
        run("verify", "--stack", "baseline", "--project-dir", NO_IDENTITY).isOneLineUserError("stack baseline has no 'identity' output");
    }

    @Test
    void aPasswordGivenToPasswordEnvIsNeverEchoed() {
        // --password-env "$PW": the value itself where a variable's name belongs.
        var result = run("verify", "--stack", "homelab", "--user", "ada", "--password-env", "Hunter2_s3cret");

        result.isOneLineUserError("--password-env", "takes a variable's name");
        org.assertj.core.api.Assertions.assertThat(result.err()).doesNotContain("Hunter2_s3cret");
    }

    @Test
    void aCaFileThatNeverEndsIsOneLineNotAHang() {
        var result = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> run("verify", "--stack", "homelab", "--ca-file", "/dev/zero"));

        result.isOneLineUserError("/dev/zero", "not a regular file");
    }

    @Test
    void anUnknownStackIsOneLine() {
        run("verify", "--stack", "nope").isOneLineUserError("nope");
    }

    @Test
    void aUserNeedsAPasswordFromTheEnvironmentOrStdin() {
        run("verify", "--stack", "homelab", "--user", "ada").isOneLineUserError("--user ada needs a password",
                "CITADEL_VERIFY_PASSWORD", "--password-stdin");
        run(Map.of("CITADEL_VERIFY_PASSWORD", ""), "", "verify", "--stack", "homelab", "--user", "ada")
                .isOneLineUserError("needs a password");
        run("verify", "--stack", "homelab", "--user", "ada", "--password-env", "MY_PW").isOneLineUserError("the variable named by --password-env");
        run("verify", "--stack", "homelab", "--user", "ada", "--password-stdin").isOneLineUserError("--password-stdin read no password");
    }

    @Test
    void aPasswordOnTheCommandLineIsRefusedWithoutEchoingIt() {
        var result = run("verify", "--stack", "homelab", "--user", "ada", "--password", "hunter2-on-argv");

        result.isOneLineUserError("--password is not accepted", "--password-env", "--password-stdin");
        assertThat(result.err()).doesNotContain("hunter2-on-argv");
    }

    @Test
    void aPasswordReachesThePlanOnlyThroughEnvOrStdin() {
        // Past the password checks, the next error is the stack's: the password was accepted and never printed.
        var viaEnv = run(Map.of("CITADEL_VERIFY_PASSWORD", "pw-from-env"), "", "verify", "--stack", "baseline",
                "--project-dir", NO_IDENTITY, "--user", "ada");
        var viaStdin = run(Map.of(), "pw-from-stdin\n", "verify", "--stack", "baseline", "--project-dir", NO_IDENTITY,
                "--user", "ada", "--password-stdin");

        viaEnv.isOneLineUserError("no 'identity' output");
        viaStdin.isOneLineUserError("no 'identity' output");
        assertThat(viaEnv.err() + viaStdin.err()).doesNotContain("pw-from-env", "pw-from-stdin");
    }

    @Test
    void conflictingOrDanglingOptionsAreOneLine() {
        run("verify", "--stack", "homelab", "--user", "ada", "--password-stdin", "--password-env", "X")
                .isOneLineUserError("--password-stdin and --password-env");
        run("verify", "--stack", "homelab", "--expect-groups", "admin").isOneLineUserError("--expect-groups needs --user");
        run("verify", "--stack", "homelab", "--password-stdin").isOneLineUserError("without --user");
        run("verify").isOneLineUserError("--stack");
    }

    @Test
    void aMissingCaFileIsOneLine() {
        run("verify", "--stack", "homelab", "--ca-file", "no/such/ca.pem").isOneLineUserError("cannot read no/such/ca.pem");
    }

    static OidcContract contract() {
        return new OidcContract("https://sso.example.test/realms/citadel", "citadel", "kubernetes",
                List.of("http://localhost:8000/*"), List.of("profile", "email", "groups"), "email", "oidc:", "groups",
                "oidc:", List.of("RS256"), Map.of("oidc:admin", "cluster-admin"), List.of("kubernetes"));
    }

    static Plan planWith(Prop identity) {
        var outputs = new TreeMap<String, Prop>();
        outputs.put("identity", identity);
        return new Plan("citadel", "s", List.of(), new Prop.Obj(outputs));
    }

    @Test
    void theContractIsReadBackFromTheIdentityOutput() {
        var contract = contract();

        assertThat(VerifyCommand.contract(planWith(PropDecoder.fromPlain(contract.toOutput())), "s")).isEqualTo(contract);
    }

    @Test
    void anUnusableIdentityOutputIsNamed() {
        var incomplete = new TreeMap<>(contract().toOutput());
        incomplete.remove("clientId");

        assertThatThrownBy(() -> VerifyCommand.contract(planWith(new Prop.Unknown()), "s"))
                .hasMessage("stack s's 'identity' output is [unknown], not the identity contract (a map with issuerUrl, clientId, ...)");
        assertThatThrownBy(() -> VerifyCommand.contract(planWith(PropDecoder.fromPlain(incomplete)), "s"))
                .hasMessage("stack s's 'identity' output: the identity contract lacks 'clientId'");
    }
}
