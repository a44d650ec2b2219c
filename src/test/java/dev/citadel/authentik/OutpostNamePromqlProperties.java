package dev.citadel.authentik;

import dev.citadel.database.peers.Promtool;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static dev.citadel.database.peers.Promtool.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 23, PromQL and alert templates: an outpost name from stack config is refused at build() with one line, or
 * renders to exactly one PromQL string token. The real promtool proves it: the rendered group passes check rules
 * (templates included), and the disconnected alert's selector fires for the series carrying exactly that name and for
 * no other (the name with a suffix, or the name in another namespace).
 */
class OutpostNamePromqlProperties {

    @Test
    void aCarriageReturnCannotSmuggleAMatcherNorABraceATemplate() {
        assertThatThrownBy(() -> OutpostAlerts.forOutpost("x\r\",namespace=\"nowhere\"}").validate())
                .hasMessageStartingWith("outpostAlerts.outpost: 'x\\u000d").hasMessageContaining("U+000D");
        assertThatThrownBy(() -> OutpostAlerts.forOutpost("x{{ range query \"up\" }}{{ end }}").validate())
                .hasMessageContaining("quote, backslash or brace");
    }

    @Provide
    Arbitrary<String> names() {
        var chars = Arbitraries.strings().withChars("aZ09 -_.\"\\{}\r\n\t$,=~é\u202e\u2028(").ofMinLength(1).ofMaxLength(16);
        return Arbitraries.oneOf(chars, Arbitraries.of("x\r\",namespace=\"nowhere\"}", "authentik Embedded Outpost", "a\u0085b"));
    }

    @Property(tries = 25)
    void refusedInOneLineOrExactlyOneToken(@ForAll("names") String name) throws Exception {
        var alerts = OutpostAlerts.forOutpost(name);
        try {
            alerts.validate();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u0085").doesNotContain("\u2028");
            return;
        }
        var dir = Files.createTempDirectory("citadel-promql-");
        var group = OutpostAlertRules.group("authentik", alerts);
        var check = Promtool.check(dir, group);
        assertThat(check.exitCode()).as(check.output()).isZero();

        var disconnected = ((List<Map<String, Object>>) group.get("rules")).stream()
                .filter(r -> OutpostAlertRules.DISCONNECTED.equals(r.get("alert"))).findFirst().orElseThrow();
        var bare = Map.<String, Object>of("name", "g", "rules", List.of(Map.of("alert", "X", "expr", disconnected.get("expr"))));
        var file = Promtool.writeTests(dir, bare, List.of(Map.of("interval", "1m",
                "input_series", List.of(
                        series(connection("authentik", name, "hit"), "0+0x10"),
                        series(connection("authentik", name + "x", "suffix"), "0+0x10"),
                        series(connection("elsewhere", name, "namespace"), "0+0x10")),
                "alert_rule_test", List.of(Promtool.fires("X", "5m", Map.of("exp_labels", Map.of("namespace", "authentik", "pod", "hit")))))));
        var test = Promtool.run("test", "rules", file.toString());
        assertThat(test.exitCode()).as("%s%n%s", name, test.output()).isZero();
    }

    /** A series in promtool's input notation; accepted names hold no quote or backslash, so they go in verbatim. */
    private static String connection(String namespace, String outpost, String pod) {
        return "authentik_outpost_connection{namespace=\"" + namespace + "\",outpost_name=\"" + outpost + "\",pod=\"" + pod + "\"}";
    }
}
