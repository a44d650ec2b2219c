package dev.citadel.plan;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Other stacks' outputs, for the program's {@code StackReference}s: what {@code pulumi stack output --stack NAME --json}
 * printed, one file per stack ({@code citadel plan --stack-outputs NAME=FILE}). Offline there is no backend to ask, and a
 * reference answered with nothing would plan a stack that {@code pulumi up} cannot run.
 */
public record StackOutputs(Map<String, Struct> stacks) {
    /** The type the SDK reads a stack reference as. */
    public static final String TYPE = "pulumi:pulumi:StackReference";
    /** What {@code pulumi stack output --json} prints for a secret without {@code --show-secrets}. */
    static final String HIDDEN = "[secret]";
    /** Outputs are a few kilobytes; the budget stops a wrong file (a state export, a log) before it fills the heap. */
    static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    public StackOutputs {
        stacks = Map.copyOf(stacks);
    }

    public static StackOutputs none() {
        return new StackOutputs(Map.of());
    }

    /** @param files stack name ({@code org/project/stack}, as the program names it) to its outputs file */
    public static StackOutputs read(Map<String, Path> files) {
        var stacks = new TreeMap<String, Struct>();
        files.forEach((stack, file) -> stacks.put(stack, readOne(stack, file)));
        return new StackOutputs(stacks);
    }

    private static Struct readOne(String stack, Path file) {
        var option = "--stack-outputs " + stack + "=" + file;
        try {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(option + ": no such file; write it with pulumi stack output --stack "
                        + stack + " --json > " + file);
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(option + ": the file is over 16 MB; give what pulumi stack output --json prints");
            }
            JsonElement json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!json.isJsonObject()) {
                throw new IllegalArgumentException(option + ": not a JSON object of outputs; give what pulumi stack output --stack "
                        + stack + " --json prints");
            }
            var outputs = Struct.newBuilder();
            var secrets = ListValue.newBuilder();
            for (var e : json.getAsJsonObject().entrySet()) {
                var hidden = e.getValue().isJsonPrimitive() && HIDDEN.equals(e.getValue().getAsString());
                // A secret printed without --show-secrets keeps its stand-in value, listed as secret so nothing derived from
                // it is printed. Not unknown: the SDK reads a reference's outputs as one map, and one unknown entry would
                // make every output of the stack unknown.
                outputs.putFields(e.getKey(), value(e.getValue()));
                if (hidden) {
                    secrets.addValues(string(e.getKey()));
                }
            }
            return Struct.newBuilder()
                    .putFields("name", string(stack))
                    .putFields("outputs", Value.newBuilder().setStructValue(outputs).build())
                    .putFields("secretOutputNames", Value.newBuilder().setListValue(secrets).build())
                    .build();
        } catch (IOException | JsonParseException e) {
            throw new IllegalArgumentException(option + ": not JSON (" + e.getMessage() + "); give what pulumi stack output --stack "
                    + stack + " --json prints");
        }
    }

    /** The state the engine reads for a reference to {@code stack}: its name, outputs and which of them are secret. */
    Struct state(String stack) {
        var state = stacks.get(stack);
        if (state == null) {
            throw new IllegalArgumentException("StackReference '" + stack + "': no outputs for this stack; pass --stack-outputs "
                    + stack + "=FILE.json, FILE being what pulumi stack output --stack " + stack + " --json prints"
                    + (stacks.isEmpty() ? "" : " (outputs were given for " + String.join(", ", new TreeMap<>(stacks).keySet()) + ")"));
        }
        return state;
    }

    private static Value string(String s) {
        return Value.newBuilder().setStringValue(s).build();
    }

    private static Value value(JsonElement json) {
        if (json.isJsonNull()) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        }
        if (json.isJsonObject()) {
            var struct = Struct.newBuilder();
            json.getAsJsonObject().entrySet().forEach(e -> struct.putFields(e.getKey(), value(e.getValue())));
            return Value.newBuilder().setStructValue(struct).build();
        }
        if (json.isJsonArray()) {
            var list = ListValue.newBuilder();
            json.getAsJsonArray().forEach(v -> list.addValues(value(v)));
            return Value.newBuilder().setListValue(list).build();
        }
        var p = json.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return Value.newBuilder().setBoolValue(p.getAsBoolean()).build();
        }
        if (p.isNumber()) {
            return Value.newBuilder().setNumberValue(p.getAsDouble()).build();
        }
        return string(p.getAsString());
    }
}
