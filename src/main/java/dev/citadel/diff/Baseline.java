package dev.citadel.diff;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.GsonBuilder;
import com.google.gson.ToNumberPolicy;
import dev.citadel.provider.ReplaceTriggers;
import dev.citadel.value.Shown;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads what {@code citadel plan --baseline} compares with: a plan written by {@code --format json}, or a tree
 * written by {@code --out}. Either may come from another commit, a CI artifact or an edit: every mistake is one
 * line naming the file and what to give instead, and no file can make the CLI exhaust memory or the stack.
 */
public final class Baseline {
    /** Larger than any plan (homelab's JSON is ~0.5 MB); a bigger file is not a plan. */
    static final long MAX_BYTES = 64L << 20;
    /** Plans nest a few dozen levels; Gson recurses once per level, so a deeper document could overflow the stack. */
    static final int MAX_DEPTH = 200;
    private static final String GIVE = "; give the output of citadel plan --format json, or a directory written by --out";
    private static final Pattern WHERE = Pattern.compile("line \\d+ column \\d+");
    private static final Pattern TREE_FILE = Pattern.compile("(k8s/[A-Za-z0-9._-]+/[A-Za-z0-9._-]+\\.yaml|resources/[A-Za-z0-9._-]+/[A-Za-z0-9._-]+\\.json)");

    private Baseline() {
    }

    /** @throws IllegalArgumentException the user's mistake, as the one line {@code citadel: } prints */
    public static Snapshot read(Path path) {
        if (Files.isDirectory(path)) {
            return tree(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("--baseline " + path + ": no such file or directory" + GIVE);
        }
        return jsonPlan(path);
    }

    private static Snapshot jsonPlan(Path path) {
        var root = parseJson(path, text(path));
        var what = "--baseline " + path + ": not a plan written by citadel plan --format json";
        if (!root.isJsonObject() || !root.getAsJsonObject().has("resources") || !root.getAsJsonObject().get("resources").isJsonArray()) {
            throw new IllegalArgumentException(what + " (it has no \"resources\" list)" + GIVE);
        }
        var doc = root.getAsJsonObject();
        var resources = new ArrayList<Snapshot.Resource>();
        var index = 0;
        for (var element : doc.getAsJsonArray("resources")) {
            var at = "resources[" + index++ + "]";
            if (!element.isJsonObject()) {
                throw new IllegalArgumentException(what + " (" + at + " is not an object)" + GIVE);
            }
            var r = element.getAsJsonObject();
            var urn = string(r, "urn", what, at);
            var type = string(r, "type", what, at);
            var aliases = new ArrayList<String>();
            if (r.has("aliases") && r.get("aliases").isJsonArray()) {
                r.getAsJsonArray("aliases").forEach(a -> aliases.add(a.isJsonPrimitive() ? a.getAsString() : ""));
            }
            resources.add(new Snapshot.Resource(urn, urn, type, string(r, "name", what, at),
                    !r.has("custom") || !r.get("custom").isJsonPrimitive() || r.get("custom").getAsBoolean(),
                    r.has("parent") && r.get("parent").isJsonPrimitive() ? r.get("parent").getAsString() : "",
                    aliases, r.has("inputs") ? value(r.get("inputs")) : Map.of(), ReplaceTriggers.of(type)));
        }
        return new Snapshot(optional(doc.get("project")), optional(doc.get("stack")), Snapshot.Matching.URN, resources);
    }

    private static Snapshot tree(Path dir) {
        if (Files.isSymbolicLink(dir)) {
            throw new IllegalArgumentException("--baseline " + dir + ": it is a symbolic link; give the directory itself");
        }
        List<String> files;
        try (var walk = Files.walk(dir, 3)) {
            files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(f -> TREE_FILE.matcher(f).matches()).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("--baseline " + dir + ": cannot read it: " + Shown.cut(String.valueOf(e.getMessage())));
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("--baseline " + dir + ": no k8s/<namespace>/*.yaml or resources/<provider>/*.json in it, so not a tree written by --out" + GIVE);
        }
        long total = 0;
        var resources = new ArrayList<Snapshot.Resource>();
        for (var file : files) {
            var path = dir.resolve(file);
            var text = text(path);
            total += text.length();
            if (total > MAX_BYTES) {
                throw new IllegalArgumentException("--baseline " + dir + ": more than " + (MAX_BYTES >> 20) + " MiB of files, larger than any plan" + GIVE);
            }
            resources.add(file.startsWith("k8s/") ? object(path, file, text) : resource(path, file, text));
        }
        return new Snapshot("", "", Snapshot.Matching.FILE, resources);
    }

    private static Snapshot.Resource object(Path path, String file, String text) {
        Object loaded;
        try {
            var options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(50);
            options.setNestingDepthLimit(MAX_DEPTH);
            options.setCodePointLimit((int) MAX_BYTES);
            loaded = new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("--baseline " + path + ": not YAML as --out writes it (" + Shown.cut(firstLine(e.getMessage())) + ")");
        }
        if (!(loaded instanceof Map<?, ?> map) || !(map.get("kind") instanceof String kind) || !(map.get("apiVersion") instanceof String apiVersion)) {
            throw new IllegalArgumentException("--baseline " + path + ": not a Kubernetes object (no apiVersion and kind)" + GIVE);
        }
        var type = "kubernetes:" + (apiVersion.contains("/") ? apiVersion : "core/" + apiVersion) + ":" + kind;
        var name = map.get("metadata") instanceof Map<?, ?> metadata && metadata.get("name") instanceof String n ? n : file;
        return new Snapshot.Resource(file, "", type, name, true, "", List.of(), Snapshot.plain(map),
                ReplaceTriggers.of(type));
    }

    private static Snapshot.Resource resource(Path path, String file, String text) {
        var what = "--baseline " + path + ": not a resource file as --out writes it";
        var root = parseJson(path, text);
        if (!root.isJsonObject()) {
            throw new IllegalArgumentException(what + GIVE);
        }
        var r = root.getAsJsonObject();
        var type = string(r, "type", what, "the file");
        return new Snapshot.Resource(file, "", type, string(r, "name", what, "the file"), true, "", List.of(),
                r.has("inputs") ? value(r.get("inputs")) : Map.of(), ReplaceTriggers.of(type));
    }

    private static String text(Path path) {
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new IllegalArgumentException("--baseline " + path + ": larger than " + (MAX_BYTES >> 20) + " MiB, larger than any plan" + GIVE);
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("--baseline " + path + ": cannot read it (" + Shown.cut(String.valueOf(e.getMessage())) + ")" + GIVE);
        }
    }

    private static JsonElement parseJson(Path path, String text) {
        if (depth(text) > MAX_DEPTH) {
            throw new IllegalArgumentException("--baseline " + path + ": nested deeper than " + MAX_DEPTH + " levels, deeper than any plan" + GIVE);
        }
        try {
            // Strict: Gson's parser alone reads "### Citadel plan" (a Markdown plan given by mistake) as a string.
            var reader = new JsonReader(new StringReader(text));
            reader.setLenient(false);
            // The adapter, not JsonParser.parseReader: that one turns leniency back on.
            var element = new Gson().getAdapter(JsonElement.class).read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonParseException("more after the document");
            }
            return element;
        } catch (JsonParseException | IOException e) {
            // Gson's own message tells the user to call setLenient(true): only where it stopped is theirs to fix.
            var where = WHERE.matcher(String.valueOf(e.getMessage()));
            throw new IllegalArgumentException("--baseline " + path + ": not JSON" + (where.find() ? " (at " + where.group() + ")" : "") + GIVE);
        }
    }

    /** The deepest nesting of brackets outside strings: checked before Gson recurses into them. */
    static int depth(String json) {
        int depth = 0;
        int max = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            var c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                max = Math.max(max, ++depth);
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return max;
    }

    private static Object value(JsonElement element) {
        // BigDecimal, not Gson's default double: a long id above 2^53 would compare unequal to itself.
        return Snapshot.plain(new GsonBuilder().setObjectToNumberStrategy(ToNumberPolicy.BIG_DECIMAL).create()
                .fromJson(element, new TypeToken<Object>() { }.getType()));
    }

    private static String string(com.google.gson.JsonObject o, String key, String what, String at) {
        var v = o.get(key);
        if (v == null || !v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException(what + " (" + at + " has no \"" + key + "\")" + GIVE);
        }
        return v.getAsString();
    }

    private static String optional(JsonElement e) {
        return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
    }

    private static String firstLine(String message) {
        var m = String.valueOf(message);
        var nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
