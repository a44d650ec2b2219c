package dev.citadel.live;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.stream.JsonReader;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What runs in the cluster, for a plan made away from it ({@code citadel plan --live-tags}): the Deployments of
 * {@code kubectl get deploy -A -o json}, as kubectl prints them, so a PR job needs nothing but kubectl. A plan reads the
 * Deployments it pins from here where {@code pulumi up} reads them from the cluster (seed 001: the floor is the tag
 * that runs, not the one last typed).
 *
 * @param source      the file, for messages
 * @param deployments each Deployment by {@code namespace/name}: its containers' names and images, in order
 */
public record LiveTags(String source, Map<String, List<Container>> deployments) {
    /** Larger than {@code kubectl get deploy -A -o json} of any cluster a stack pins; a bigger file is a mistake. */
    static final long MAX_BYTES = 64L * 1024 * 1024;
    /** The command whose output the file is; shown where the file is missing or wrong. */
    public static final String KUBECTL = "kubectl get deploy -A -o json";

    public record Container(String name, String image) {
    }

    public LiveTags {
        deployments = Map.copyOf(deployments);
    }

    public Optional<List<Container>> deployment(String namespace, String name) {
        return Optional.ofNullable(deployments.get(namespace + "/" + name));
    }

    /** Reads kubectl's JSON: a List (or DeploymentList) of Deployments, or one Deployment. */
    public static LiveTags read(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw wrong(file, "it is larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            var why = e instanceof java.nio.file.NoSuchFileException ? "there is no such file"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : "it cannot be read";
            throw new IllegalArgumentException("--live-tags " + file + ": " + why + "; write it with " + KUBECTL + " > "
                    + file.getFileName());
        }
        return parse(file.toString(), new StringReader(text));
    }

    static LiveTags parse(String source, Reader reader) {
        JsonElement root;
        try {
            var json = new JsonReader(reader);
            json.setLenient(false);
            // Gson's JsonParser reads leniently (YAML's "kind: List" would pass as a string); the adapter keeps it strict.
            root = new com.google.gson.Gson().getAdapter(JsonElement.class).read(json);
            if (json.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
                throw wrong(Path.of(source), "it is not JSON (more follows the first value)");
            }
        } catch (IOException | JsonParseException | IllegalStateException | StackOverflowError e) {
            throw wrong(Path.of(source), "it is not JSON");
        }
        if (!root.isJsonObject()) {
            throw wrong(Path.of(source), "it is not a JSON object");
        }
        var object = root.getAsJsonObject();
        var items = new ArrayList<JsonObject>();
        if (object.has("items") && object.get("items").isJsonArray()) {
            object.getAsJsonArray("items").forEach(i -> {
                if (i.isJsonObject()) {
                    items.add(i.getAsJsonObject());
                }
            });
        } else if ("Deployment".equals(text(object, "kind"))) {
            items.add(object);
        } else {
            throw wrong(Path.of(source), "it has neither items nor kind Deployment");
        }
        var deployments = new TreeMap<String, List<Container>>();
        for (var item : items) {
            if (item.has("kind") && !"Deployment".equals(text(item, "kind"))) {
                continue;
            }
            var metadata = child(item, "metadata");
            var name = text(metadata, "name");
            if (name == null) {
                throw wrong(Path.of(source), "an item has no metadata.name");
            }
            var namespace = text(metadata, "namespace");
            var containers = new ArrayList<Container>();
            var pod = child(child(child(item, "spec"), "template"), "spec");
            if (pod.has("containers") && pod.get("containers").isJsonArray()) {
                pod.getAsJsonArray("containers").forEach(c -> {
                    if (c.isJsonObject() && text(c.getAsJsonObject(), "name") != null && text(c.getAsJsonObject(), "image") != null) {
                        containers.add(new Container(text(c.getAsJsonObject(), "name"), text(c.getAsJsonObject(), "image")));
                    }
                });
            }
            deployments.put((namespace == null ? "default" : namespace) + "/" + name, List.copyOf(containers));
        }
        return new LiveTags(source, deployments);
    }

    private static JsonObject child(JsonObject parent, String key) {
        var value = parent.get(key);
        return value != null && value.isJsonObject() ? value.getAsJsonObject() : new JsonObject();
    }

    private static String text(JsonObject parent, String key) {
        var value = parent.get(key);
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString() ? value.getAsString() : null;
    }

    private static IllegalArgumentException wrong(Path file, String why) {
        return new IllegalArgumentException("--live-tags " + file + " is not the Deployments as kubectl prints them: " + why
                + "; write it with " + KUBECTL + " > " + file.getFileName());
    }
}
