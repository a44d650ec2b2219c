package dev.citadel.stack;

import com.google.gson.Gson;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;
import dev.citadel.config.ConfigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Pulumi project and one of its stack files, read as the Pulumi CLI reads them: {@code Pulumi.yaml}
 * (name, {@code stackConfigDir}) and {@code <stackConfigDir>/Pulumi.<stack>.yaml} ({@code config:} with
 * {@code namespace:key} entries; structured values passed to the program as JSON).
 *
 * @param config     every key ({@code namespace:key}) with a plain value
 * @param secureKeys keys whose value is {@code secure:} (encrypted; not readable offline)
 */
public record StackFile(String project, String stack, Path file, Map<String, String> config, Set<String> secureKeys) {
    /**
     * A stack file is a few kilobytes; the homelab one is 6 KB. The budgets stop a hostile or broken file
     * (a 544-byte alias bomb took 70 s and 4 GB before it died with an OutOfMemoryError) in milliseconds.
     */
    static final long MAX_FILE_BYTES = 1024 * 1024;
    /** Values (map entries, list items, scalars) after aliases are expanded, per config key. */
    static final int MAX_VALUES = 100_000;

    public StackFile {
        config = Collections.unmodifiableMap(new TreeMap<>(config));
        secureKeys = Collections.unmodifiableSet(new TreeSet<>(secureKeys));
    }

    public static StackFile load(Path projectDir, String stack) {
        var projectFile = projectDir.resolve("Pulumi.yaml");
        if (!Files.isRegularFile(projectFile)) {
            throw new ConfigException("no Pulumi.yaml in " + projectDir.toAbsolutePath().normalize()
                    + "; run citadel from the project directory or pass --project-dir");
        }
        var project = asMap(parse(projectFile), projectFile);
        var name = String.valueOf(project.getOrDefault("name", "citadel"));
        var configDir = projectDir.resolve(String.valueOf(project.getOrDefault("stackConfigDir", ".")));
        if (stack == null || !stack.matches("[A-Za-z0-9._-]+")) {
            throw new ConfigException("--stack: '" + stack + "' is not a stack name; use letters, digits, '.', '_' and '-' (e.g. homelab)");
        }
        var file = configDir.resolve("Pulumi." + stack + ".yaml");
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("no stack '" + stack + "': " + shown(projectDir, file) + " does not exist; the stacks are: "
                    + String.join(", ", stacks(configDir)));
        }
        var doc = asMap(parse(file), file);
        var rawConfig = doc.get("config");
        if (rawConfig != null && !(rawConfig instanceof Map)) {
            throw new ConfigException(file.getFileName() + ": 'config' should be a map of 'namespace:key: value' entries");
        }
        var config = new TreeMap<String, String>();
        var secure = new TreeSet<String>();
        // An explicit !!timestamp still becomes a Date; rendered in UTC ISO-8601, never in the JVM's zone.
        var gson = new com.google.gson.GsonBuilder().registerTypeHierarchyAdapter(Date.class,
                (com.google.gson.JsonSerializer<Date>) (date, type, context) ->
                        new com.google.gson.JsonPrimitive(DateTimeFormatter.ISO_INSTANT.format(date.toInstant()))).create();
        for (var e : asMap(rawConfig, file).entrySet()) {
            var key = String.valueOf(e.getKey());
            if (!key.matches("[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+")) {
                throw new ConfigException(file.getFileName() + ": config key '" + key
                        + "' is not 'namespace:key'; write e.g. '" + name + ":" + key.replace(":", "") + "'");
            }
            var value = e.getValue();
            withinBudget(key, value, file);
            if (isSecure(value)) {
                secure.add(key);
            } else if (value instanceof Map || value instanceof List) {
                rejectNestedSecure(key, value, file);
                config.put(key, gson.toJson(value));
            } else if (value == null) {
                throw new ConfigException(file.getFileName() + ": config key '" + key + "' has no value; give one or remove the key");
            } else if (value instanceof Date date) {
                config.put(key, DateTimeFormatter.ISO_INSTANT.format(date.toInstant()));
            } else {
                config.put(key, String.valueOf(value));
            }
        }
        return new StackFile(name, stack, file, config, secure);
    }

    /** The values of one namespace, keys without the namespace. */
    public Map<String, String> namespace(String namespace) {
        return config.entrySet().stream().filter(e -> e.getKey().startsWith(namespace + ":"))
                .collect(Collectors.toMap(e -> e.getKey().substring(namespace.length() + 1), Map.Entry::getValue));
    }

    public Set<String> secureKeys(String namespace) {
        return secureKeys.stream().filter(k -> k.startsWith(namespace + ":"))
                .map(k -> k.substring(namespace.length() + 1)).collect(Collectors.toSet());
    }

    /** The file relative to the project when it is inside it (stackConfigDir may be absolute), else in full. */
    private static Path shown(Path projectDir, Path file) {
        var project = projectDir.toAbsolutePath().normalize();
        var absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(project) ? project.relativize(absolute) : absolute;
    }

    private static boolean isSecure(Object value) {
        return value instanceof Map && ((Map<?, ?>) value).size() == 1 && ((Map<?, ?>) value).containsKey("secure");
    }

    private static void rejectNestedSecure(String path, Object value, Path file) {
        if (isSecure(value)) {
            throw new ConfigException(file.getFileName() + ": " + path + " is a secure value inside structured config; "
                    + "Citadel reads secrets from top-level keys: move it to its own key and refer to it (e.g. secretValues)");
        }
        if (value instanceof Map) {
            ((Map<?, ?>) value).forEach((k, v) -> rejectNestedSecure(path + "." + k, v, file));
        } else if (value instanceof List) {
            var list = (List<?>) value;
            for (int i = 0; i < list.size(); i++) {
                rejectNestedSecure(path + "[" + i + "]", list.get(i), file);
            }
        }
    }

    /**
     * Counts the values under one config key with aliases expanded (each alias visit counts again, as
     * Gson's rendering would walk it), stopping at the budget: the walk itself never exceeds it, and a
     * self-referencing alias simply runs out of budget.
     */
    private static void withinBudget(String key, Object value, Path file) {
        var stack = new ArrayDeque<Object>();
        stack.push(value == null ? "" : value);
        long count = 0;
        while (!stack.isEmpty()) {
            var v = stack.pop();
            if (++count > MAX_VALUES) {
                throw new ConfigException(key + ": more than " + MAX_VALUES + " values once YAML aliases (*name) are expanded, in "
                        + file.getFileName() + "; write the values out or split the setting");
            }
            if (v instanceof Map<?, ?> m) {
                m.forEach((k, x) -> {
                    stack.push(k == null ? "" : k);
                    stack.push(x == null ? "" : x);
                });
            } else if (v instanceof List<?> l) {
                l.forEach(x -> stack.push(x == null ? "" : x));
            }
        }
    }

    private static Object parse(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ConfigException(file.getFileName() + " is " + Files.size(file) + " bytes; a stack file may have at most "
                        + MAX_FILE_BYTES + " (keep large values such as chart values or manifests in files of their own)");
            }
            var text = Files.readString(file);
            var options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(50);
            options.setAllowRecursiveKeys(false);
            options.setNestingDepthLimit(50);
            options.setCodePointLimit((int) MAX_FILE_BYTES);
            var dumper = new DumperOptions();
            return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, new CoreSchema()).load(text);
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            throw new ConfigException(file.getFileName() + " is not valid YAML: " + e.getProblem()
                    + (mark != null ? " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")" : ""));
        } catch (YAMLException e) {
            throw new ConfigException(file.getFileName() + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * YAML 1.2's core schema, as Pulumi's own YAML reader resolves plain scalars: {@code yes}, {@code on},
     * {@code n} stay text (YAML 1.1 made {@code name: yes} a boolean), and dates stay text
     * ({@code rotation: 2024-06-01} became a Date printed in the JVM's time zone — a new password from
     * every other zone, seed 003). A leading-zero number ({@code 0755}) stays text rather than turning octal.
     */
    static final class CoreSchema extends Resolver {
        private static final Pattern BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
        private static final Pattern INT = Pattern.compile("^(?:[-+]?(?:0|[1-9][0-9]*)|0x[0-9a-fA-F]+)$");
        private static final Pattern FLOAT = Pattern.compile(
                "^(?:[-+]?(?:\\.[0-9]+|(?:0|[1-9][0-9]*)\\.[0-9]*)(?:[eE][-+]?[0-9]+)?|[-+]?(?:0|[1-9][0-9]*)[eE][-+]?[0-9]+"
                        + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
        private static final Pattern NULL = Pattern.compile("^(?:~|null|Null|NULL)$");

        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL, "tTfF");
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.NULL, NULL, "~nN");
            addImplicitResolver(Tag.NULL, EMPTY, null);
            addImplicitResolver(Tag.MERGE, MERGE, "<");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object doc, Path file) {
        if (doc == null) {
            return Map.of();
        }
        if (!(doc instanceof Map)) {
            throw new ConfigException(file.getFileName() + " should be a YAML map at the top level");
        }
        return (Map<String, Object>) doc;
    }

    private static List<String> stacks(Path dir) {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("Pulumi.") && n.endsWith(".yaml") && !n.equals("Pulumi.yaml"))
                    .map(n -> n.substring("Pulumi.".length(), n.length() - ".yaml".length()))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
