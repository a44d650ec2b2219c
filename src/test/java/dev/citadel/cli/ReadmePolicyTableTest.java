package dev.citadel.cli;

import dev.citadel.policy.rules.PolicyPack;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The policy table of docs/policies.md is the pack's own listing (`citadel policies --format markdown`), never stale. */
class ReadmePolicyTableTest {

    @Test
    void readmeListsExactlyThePoliciesTheCodeShips() throws Exception {
        var readme = Files.readString(Path.of("docs/policies.md"));
        var start = readme.indexOf("<!-- policies:start -->");
        var end = readme.indexOf("<!-- policies:end -->");
        assertThat(start).as("docs/policies.md has a policies:start marker").isNotNegative();
        assertThat(end).as("docs/policies.md has a policies:end marker").isGreaterThan(start);
        var table = readme.substring(start + "<!-- policies:start -->".length(), end).strip();
        assertThat(table).as("regenerate with: java -jar target/citadel.jar policies --format markdown")
                .isEqualTo(PoliciesCommand.markdown(PolicyPack.policies()).strip());
    }
}
