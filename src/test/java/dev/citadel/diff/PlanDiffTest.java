package dev.citadel.diff;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which changes are replacements: the ones a reviewer must not read as "an update". */
class PlanDiffTest {
    private static final String STACK = "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s";
    private static final String CONFIG_MAP = "kubernetes:core/v1:ConfigMap";

    private static Snapshot.Resource configMap(String name, Map<String, Object> metadata, List<String> aliases) {
        var urn = "urn:pulumi:s::p::" + CONFIG_MAP + "::" + name;
        return new Snapshot.Resource(urn, urn, CONFIG_MAP, name, true, STACK, aliases,
                Map.of("kind", "ConfigMap", "metadata", metadata, "data", Map.of("k", "v")),
                dev.citadel.provider.ReplaceTriggers.of(CONFIG_MAP));
    }

    private static PlanDiff.Change only(Snapshot.Resource before, Snapshot.Resource after) {
        var diff = PlanDiff.between("base.json", new Snapshot("p", "s", Snapshot.Matching.URN, List.of(before)),
                new Snapshot("p", "s", Snapshot.Matching.URN, List.of(after)));
        assertThat(diff.changes()).hasSize(1);
        return diff.changes().get(0);
    }

    @Test
    void aKubernetesObjectsNewNameOrNamespaceIsAReplacementAndALabelAnUpdate() {
        var before = configMap("cfg", Map.of("name", "app", "namespace", "a"), List.of());

        var renamed = only(before, configMap("cfg", Map.of("name", "app2", "namespace", "a"), List.of()));
        assertThat(renamed.kind()).isEqualTo(PlanDiff.Kind.REPLACE);
        assertThat(renamed.replacedBy()).containsExactly("metadata.name");

        assertThat(only(before, configMap("cfg", Map.of("name", "app", "namespace", "b"), List.of())).replacedBy())
                .containsExactly("metadata.namespace");

        var labelled = only(before, configMap("cfg", Map.of("name", "app", "namespace", "a", "labels", Map.of("tier", "db")), List.of()));
        assertThat(labelled.kind()).isEqualTo(PlanDiff.Kind.UPDATE);
        assertThat(labelled.fields()).containsExactly(new FieldDiff.Field("metadata.labels", FieldDiff.Absent.NONE, Map.of("tier", "db")));
    }

    @Test
    void anAliasedRenameIsTheSameResourceAndItsChangesStillCount() {
        var before = configMap("old", Map.of("name", "app", "namespace", "a"), List.of());

        var renamed = only(before, configMap("new", Map.of("name", "app", "namespace", "a"), List.of(before.urn())));
        assertThat(renamed.kind()).isEqualTo(PlanDiff.Kind.RENAME);
        assertThat(renamed.renamedFrom()).contains("old");

        var renamedAndMoved = only(before, configMap("new", Map.of("name", "app", "namespace", "b"), List.of(before.urn())));
        assertThat(renamedAndMoved.kind()).isEqualTo(PlanDiff.Kind.REPLACE);
        assertThat(renamedAndMoved.renamedFrom()).isEqualTo(Optional.of("old"));
    }

    @Test
    void theProgramsOwnReplaceOnChangesIsHonoured() {
        var before = configMap("cfg", Map.of("name", "app"), List.of());
        var after = new Snapshot.Resource(before.key(), before.urn(), CONFIG_MAP, "cfg", true, STACK, List.of(),
                Map.of("kind", "ConfigMap", "metadata", Map.of("name", "app"), "data", Map.of("k", "w")), List.of("data"));

        assertThat(only(before, after).replacedBy()).containsExactly("data.k");
    }

    @Test
    void aWholeNumberIsTheSameHoweverItWasWritten() {
        assertThat(FieldDiff.between(Snapshot.plain(Map.of("n", 2.0)), Snapshot.plain(Map.of("n", 2L)))).isEmpty();
        assertThat(FieldDiff.between(Snapshot.plain(Map.of("n", new java.math.BigDecimal("2e0"))), Snapshot.plain(Map.of("n", 2)))).isEmpty();
        assertThat(FieldDiff.between(Snapshot.plain(Map.of("n", 2.5)), Snapshot.plain(Map.of("n", 2L))))
                .containsExactly(new FieldDiff.Field("n", 2.5, 2L));
    }

    @Test
    void anItemRemovedFromAListIsThatItemAloneNotEveryOneAfterIt() {
        var before = List.of(Map.of("alert", "A"), Map.of("alert", "B"), Map.of("alert", "C"));
        var after = List.of(Map.of("alert", "A"), Map.of("alert", "C"));

        assertThat(FieldDiff.between(Map.of("rules", before), Map.of("rules", after)))
                .containsExactly(new FieldDiff.Field("rules[1]", Map.of("alert", "B"), FieldDiff.Absent.NONE));
    }
}
