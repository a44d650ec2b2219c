package dev.citadel.cli;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** .github/workflows/pull-request.yml as GitHub reads it: its jobs and their steps, by name. */
record PullRequestWorkflow(Map<String, Object> doc) {
    static final Path FILE = Path.of(".github", "workflows", "pull-request.yml");

    static PullRequestWorkflow read() throws IOException {
        return new PullRequestWorkflow(new Yaml().load(Files.readString(FILE)));
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> steps(String job) {
        var jobs = (Map<String, Object>) doc.get("jobs");
        assertThat(jobs).as("jobs").containsKey(job);
        return (List<Map<String, Object>>) ((Map<String, Object>) jobs.get(job)).get("steps");
    }

    Map<String, Object> step(String job, String name) {
        return steps(job).stream().filter(s -> name.equals(s.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no step '" + name + "' in job " + job + " of " + FILE));
    }

    /** A step's script, for one matrix entry: what the runner hands to bash. */
    String run(String job, String name, String stack) {
        var run = (String) step(job, name).get("run");
        assertThat(run).as("run: of step %s", name).isNotNull();
        return run.replace("${{ matrix.stack }}", stack);
    }
}
