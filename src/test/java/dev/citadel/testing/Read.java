package dev.citadel.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading what a plan wrote, strictly. */
public final class Read {
    private Read() {
    }

    /** A test project under {@code src/test/resources/projects/}: a Pulumi.yaml and its stacks/. */
    public static Path testProject(String name) {
        var url = Read.class.getResource("/projects/" + name + "/Pulumi.yaml");
        assertThat(url).as("test project %s", name).isNotNull();
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every regular file below {@code dir}, relative with '/' separators, sorted. */
    public static List<String> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    /** A JSON object, parsed strictly (Gson's JsonParser alone is lenient), with nothing after it. */
    public static JsonObject strictJson(String text) throws IOException {
        var reader = new JsonReader(new StringReader(text));
        reader.setLenient(false);
        JsonElement element = JsonParser.parseReader(reader);
        assertThat(reader.peek()).as("anything after the JSON document").isEqualTo(JsonToken.END_DOCUMENT);
        assertThat(element.isJsonObject()).as("top level is an object").isTrue();
        return element.getAsJsonObject();
    }
}
