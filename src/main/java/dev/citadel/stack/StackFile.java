package dev.citadel.stack;

import com.google.gson.Gson;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
        var gson = new Gson();
        for (var e : asMap(rawConfig, file).entrySet()) {
            var key = String.valueOf(e.getKey());
            if (!key.matches("[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+")) {
                throw new ConfigException(file.getFileName() + ": config key '" + key
                        + "' is not 'namespace:key'; write e.g. '" + name + ":" + key.replace(":", "") + "'");
            }
            var value = e.getValue();
            if (isSecure(value)) {
                secure.add(key);
            } else if (value instanceof Map || value instanceof List) {
                rejectNestedSecure(key, value, file);
                config.put(key, gson.toJson(value));
            } else if (value == null) {
                throw new ConfigException(file.getFileName() + ": config key '" + key + "' has no value; give one or remove the key");
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

    private static Object parse(Path file) {
        try {
            var text = Files.readString(file);
            var options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            return new Yaml(options).load(text);
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            throw new ConfigException(file.getFileName() + " is not valid YAML: " + e.getProblem()
                    + (mark != null ? " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")" : ""));
        } catch (YAMLException e) {
            throw new ConfigException(file.getFileName() + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
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
