package dev.citadel.database.peers;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real promtool (Debian prometheus) on an emitted PrometheusRule group: {@code promtool check rules} and
 * {@code promtool test rules} with synthetic input series. Shared by every component that ships alerts, so each proves
 * its selectors match the series the exporters really publish.
 */
public final class Promtool {
    public static final Path PATH = Path.of("/usr/bin/promtool");

    private Promtool() {
    }

    public static Peers.Result run(String... args) {
        var command = new ArrayList<String>(List.of(Peers.require("promtool (Debian prometheus)", PATH).toString()));
        command.addAll(List.of(args));
        return Peers.run(command, Map.of(), 120);
    }

    public static String yaml(Object o) {
        var options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(o);
    }

    /** One input series, e.g. {@code series("up{job=\"x\"}", "1+0x90")}. */
    public static Map<String, Object> series(String name, String values) {
        return Map.of("series", name, "values", values);
    }

    /** At {@code at}, {@code alert} is firing exactly as {@code expected} ({@code exp_labels}, {@code exp_annotations}). */
    public static Map<String, Object> fires(String alert, String at, Map<String, Object> expected) {
        return Map.of("eval_time", at, "alertname", alert, "exp_alerts", List.of(expected));
    }

    public static Map<String, Object> silent(String alert, String at) {
        return Map.of("eval_time", at, "alertname", alert, "exp_alerts", List.of());
    }

    /** Writes the group as {@code rules.yml} and the tests as {@code rules_test.yml} (1 m evaluation) in {@code dir}. */
    public static Path writeTests(Path dir, Map<String, Object> group, List<?> tests) throws IOException {
        Files.writeString(dir.resolve("rules.yml"), yaml(Map.of("groups", List.of(group))));
        var file = dir.resolve("rules_test.yml");
        Files.writeString(file, yaml(Map.of("rule_files", List.of("rules.yml"), "evaluation_interval", "1m", "tests", tests)));
        return file;
    }

    /** {@code promtool check rules} on the group alone. */
    public static Peers.Result check(Path dir, Map<String, Object> group) throws IOException {
        var file = dir.resolve("rules.yml");
        Files.writeString(file, yaml(Map.of("groups", List.of(group))));
        return run("check", "rules", file.toString());
    }
}
