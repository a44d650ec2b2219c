package dev.citadel.plan;

import com.google.gson.GsonBuilder;
import dev.citadel.value.Redacted;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

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
            var file = fileOf(r);
            String body;
            if (isObjectFile(r)) {
                body = yaml.dump(Redacted.kubernetesObject(r.inputs()));
            } else {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("type", r.type());
                doc.put("name", r.name());
                doc.put("inputs", Redacted.plain(r.inputs()));
                body = json.toJson(doc) + "\n";
            }
            var previous = files.put(file, body);
            if (previous != null) {
                throw new IllegalArgumentException("two resources render to " + file
                        + "; give them distinct names (the second is " + r.urn() + ")");
            }
        }
        prepare();
        for (var e : files.entrySet()) {
            var target = dir.resolve(e.getKey());
            createInside(target.getParent());
            // CREATE_NEW never opens what is already there, so never a link planted after prepare().
            Files.writeString(target, e.getValue(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        }
        return files.size();
    }

    /**
     * The file a custom resource is written to, relative to the tree: {@code citadel plan --baseline} matches an
     * earlier tree's files to the resources of this plan by it.
     */
    public static Path fileOf(Registration r) {
        if (!isObjectFile(r)) {
            return Path.of("resources", safe(r.pkg()), safe(r.name()) + ".json");
        }
        var metadata = r.inputs().get("metadata");
        var namespace = metadata.get("namespace").string().orElse("_cluster");
        var objectName = metadata.get("name").string().orElse(r.name());
        var kind = r.inputs().get("kind").string().orElse(r.type().substring(r.type().lastIndexOf(':') + 1));
        return Path.of("k8s", safe(namespace), safe(kind.toLowerCase(Locale.ROOT) + "-" + objectName) + ".yaml");
    }

    private static boolean isObjectFile(Registration r) {
        return r.isKubernetes() && !r.isProvider() && !r.inputs().get("apiVersion").isNull() && !r.inputs().get("kind").isNull();
    }

    /**
     * Makes {@code dir} an empty real directory. A reused directory kept an earlier plan's files (reviewers
     * saw objects no longer planned) and followed the links in it (a committed symlink made CI overwrite a
     * file outside). So: a new or empty directory is used; one holding nothing but an earlier plan's tree
     * ({@code k8s/} and {@code resources/}, plain .yaml/.json files, no links) is emptied; anything else is
     * refused, and the directory itself must not be a link.
     */
    private void prepare() throws IOException {
        if (dir.toString().isEmpty()) {
            throw new IllegalArgumentException("--out is empty; give a directory, e.g. --out plan/homelab");
        }
        if (Files.isSymbolicLink(dir)) {
            throw new IllegalArgumentException("it is a symbolic link; give the directory itself, so nothing is written through a link");
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir);
            return;
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("it exists and is not a directory");
        }
        List<Path> entries;
        try (var list = Files.list(dir)) {
            entries = list.sorted().toList();
        }
        for (var entry : entries) {
            var name = entry.getFileName().toString();
            if (!PLAN_TREE.matcher(name).matches() || !isPlanTree(entry, name)) {
                throw new IllegalArgumentException("it is not empty and not an earlier plan's output (it holds " + name
                        + "); give a new or empty directory, or remove what is in it");
            }
        }
        for (var entry : entries) {
            deleteTree(entry);
        }
    }

    private static final Pattern PLAN_TREE = Pattern.compile("k8s|resources");
    private static final Pattern PLAN_FILE = Pattern.compile("[A-Za-z0-9._-]+/[A-Za-z0-9._-]+\\.(yaml|json)");

    /** Only directories two levels deep holding plain .yaml/.json files: what {@link #write} makes, nothing else. */
    private static boolean isPlanTree(Path top, String name) throws IOException {
        if (!Files.isDirectory(top, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (var walk = Files.walk(top)) {
            return walk.allMatch(p -> {
                if (p.equals(top)) {
                    return true;
                }
                var relative = top.relativize(p).toString().replace('\\', '/');
                if (Files.isSymbolicLink(p)) {
                    return false;
                }
                return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                        ? !relative.contains("/")
                        : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && PLAN_FILE.matcher(relative).matches()
                                && (name.equals("k8s") ? relative.endsWith(".yaml") : relative.endsWith(".json"));
            });
        }
    }

    private static void deleteTree(Path top) throws IOException {
        // walkFileTree does not follow links by default; every entry was checked to be a plain file or directory.
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Creates each directory below {@code dir} itself, refusing any that is (or became) a link. */
    private void createInside(Path target) throws IOException {
        var current = dir;
        for (var part : dir.relativize(target)) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                throw new IllegalArgumentException(current + " is a symbolic link; nothing is written through a link");
            }
            if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
            }
        }
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
