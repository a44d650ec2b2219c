package dev.citadel.policy.rules;

import dev.citadel.policy.PackConfig;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyEngine;
import dev.citadel.policy.PolicyFixtures;
import dev.citadel.policy.Violation;
import dev.citadel.value.Prop;
import org.yaml.snakeyaml.Yaml;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Runs one policy, through the engine, over resources written as a fixture document (YAML). */
final class RuleRun {
    private RuleRun() {
    }

    static List<Violation> run(Policy policy, String fixtureYaml) {
        Map<String, Object> doc = new Yaml(new dev.citadel.policy.PolicyFixtures.SecretTag()).load(fixtureYaml);
        var fixture = PolicyFixtures.parse(doc);
        var fields = new TreeMap<String, Prop>();
        fields.put(policy.info().id(), fixture.config());
        var config = PackConfig.parse(new Prop.Obj(fields), Set.of(policy.info().id()));
        return new PolicyEngine(List.of(policy), config).analyzeStack(fixture.resources());
    }

    static List<String> messages(Policy policy, String fixtureYaml) {
        return run(policy, fixtureYaml).stream().map(Violation::message).toList();
    }
}
