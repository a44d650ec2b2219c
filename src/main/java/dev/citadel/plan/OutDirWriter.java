package dev.citadel.plan;

import com.google.gson.GsonBuilder;
import dev.citadel.value.Redacted;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the {@code --out DIR} tree, the contract the conformance checker and reviewers read:
 * {@code k8s/<namespace or _cluster>/<kind>-<name>.yaml}, one Kubernetes object per file as it would be
 * applied, and {@code resources/<provider>/<name>.json} for every other resource and provider instance.
 * Secrets are written as {@value Redacted#SECRET}; the same plan always writes the same bytes.
 */
public final class OutDirWriter {
    private final Path dir;

    public OutDirWriter(Path dir) {
        this.dir = dir;
    }

    /** @return the number of files written */
    public int write(Plan plan) throws IOException {
        var files = new TreeMap<Path, String>();
        var yaml = yaml();
        var json = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();
        for (var r : plan.resources()) {
            if (!r.custom()) {
                continue;
            }
            Path file;
            String body;
            if (r.isKubernetes() && !r.isProvider() && !r.inputs().get("apiVersion").isNull() && !r.inputs().get("kind").isNull()) {
                var object = Redacted.kubernetesObject(r.inputs());
                var metadata = r.inputs().get("metadata");
                var namespace = metadata.get("namespace").string().orElse("_cluster");
                var objectName = metadata.get("name").string().orElse(r.name());
                var kind = r.inputs().get("kind").string().orElse(r.type().substring(r.type().lastIndexOf(':') + 1));
                file = Path.of("k8s", safe(namespace), safe(kind.toLowerCase(Locale.ROOT) + "-" + objectName) + ".yaml");
                body = yaml.dump(object);
            } else {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("type", r.type());
                doc.put("name", r.name());
                doc.put("inputs", Redacted.plain(r.inputs()));
                file = Path.of("resources", safe(r.pkg()), safe(r.name()) + ".json");
                body = json.toJson(doc) + "\n";
            }
            var previous = files.put(file, body);
            if (previous != null) {
                throw new IllegalArgumentException("two resources render to " + file
                        + "; give them distinct names (the second is " + r.urn() + ")");
            }
        }
        for (var e : files.entrySet()) {
            var target = dir.resolve(e.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, e.getValue(), StandardCharsets.UTF_8);
        }
        return files.size();
    }

    private static Yaml yaml() {
        var options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setSplitLines(false);
        return new Yaml(options);
    }

    /** File names from resource names: keep them inside the tree and portable. */
    private static String safe(String part) {
        return part.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
