package dev.citadel.runtime.pkg;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.pulumi.core.internal.Internal;
import com.pulumi.provider.internal.Metadata;
import com.pulumi.provider.internal.Provider;
import com.pulumi.provider.internal.infer.ComponentAnalyzer;
import com.pulumi.provider.internal.models.ConstructRequest;
import com.pulumi.provider.internal.models.ConstructResponse;
import com.pulumi.provider.internal.models.GetSchemaRequest;
import com.pulumi.provider.internal.models.GetSchemaResponse;
import com.pulumi.provider.internal.properties.PropertyValueSerializer;

import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import com.pulumi.resources.ResourceTransformation;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The package's provider: the schema the SDK's analyzer infers from the components' classes (with the package's version
 * and pinned dependencies added), and a Construct that hands the inputs, as plain JSON, to the component's factory. A
 * rejected input fails Construct with the builder's one-line message, secrets it carried replaced by {@code [secret]}.
 */
final class PackageProvider implements Provider {
    private final ComponentHost.Description description;

    PackageProvider(ComponentHost.Description description) {
        this.description = description;
    }

    @Override
    public CompletableFuture<GetSchemaResponse> getSchema(GetSchemaRequest request) {
        return CompletableFuture.completedFuture(new GetSchemaResponse(new Gson().toJson(schema(description))));
    }

    static JsonObject schema(ComponentHost.Description description) {
        var classes = description.components().stream().map(ComponentHost.Component::type).toArray(Class<?>[]::new);
        var spec = ComponentAnalyzer.generateSchema(
                new Metadata(description.name(), description.version(), description.displayName()), classes);
        var schema = new Gson().toJsonTree(spec).getAsJsonObject();
        schema.addProperty("description", description.description());
        var dependencies = new JsonArray();
        description.dependencies().forEach(d -> {
            var dependency = new JsonObject();
            dependency.addProperty("name", d.name());
            dependency.addProperty("version", d.version());
            dependencies.add(dependency);
        });
        schema.add("dependencies", dependencies);
        return schema;
    }

    @Override
    public CompletableFuture<ConstructResponse> construct(ConstructRequest request) {
        var component = description.components().stream()
                .filter(c -> token(c).equals(request.getType())).findFirst()
                .orElseThrow(() -> new PackageError("the " + description.name() + " package has no component " + request.getType()
                        + "; it has " + description.components().stream().map(this::token).toList()));
        var inputs = InputJson.of(request.getName(), request.getInputs());
        // Every resource the component makes, to answer only once the engine has registered them all: the SDK's
        // inline runner completes Construct when the component's own URN is known, before its children's RPCs are
        // answered, and an engine that has its answer may finish the deployment without them.
        var made = new ConcurrentLinkedQueue<Resource>();
        ResourceTransformation collect = args -> {
            made.add(args.resource());
            return Optional.empty();
        };
        var options = ComponentResourceOptions.merge(request.getOptions(),
                ComponentResourceOptions.builder().resourceTransformations(collect).build());
        ComponentResource built;
        try {
            built = component.factory().construct(request.getName(), inputs.json(), options);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new PackageError(inputs.redact(String.valueOf(e.getMessage()))));
        }
        Map<String, com.pulumi.provider.internal.properties.PropertyValue> state =
                PropertyValueSerializer.stateFromComponentResource(built);
        var registered = made.stream().map(r -> Internal.of(r.urn()).getValueNullable()).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(registered).thenCompose(done -> Internal.of(built.urn()).getValueNullable())
                .thenApply(urn -> new ConstructResponse(urn, inputs.keepSecret(state), Map.<String, Set<String>>of()));
    }

    private String token(ComponentHost.Component c) {
        return description.name() + ":index:" + c.type().getSimpleName();
    }

    /**
     * A refusal the user acts on: its message is the whole report. A {@code RunException}, because the SDK's runner
     * logs that kind to the engine as its message alone, where any other exception is logged with its class name as
     * "failed with an unhandled exception".
     */
    static final class PackageError extends com.pulumi.exceptions.RunException {
        private static final long serialVersionUID = 1L;

        PackageError(String message) {
            super(message);
        }
    }
}
