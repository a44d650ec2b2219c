package dev.citadel.plan;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.citadel.live.LiveTags;
import dev.citadel.runtime.Recorder;
import dev.citadel.runtime.Urns;
import dev.citadel.value.Prop;
import dev.citadel.value.PropDecoder;
import pulumirpc.Resource.ReadResourceRequest;
import pulumirpc.Resource.ReadResourceResponse;
import pulumirpc.Resource.RegisterResourceOutputsRequest;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The in-process resource monitor `citadel plan` runs programs against. It records every registration
 * as the engine would receive it and answers as a preview does for a resource about to be created: the
 * outputs are the inputs, the id and every provider-computed output stay unknown. No serialisation
 * round-trip through mocks: the request's own Struct is the answer. A read of a live Deployment is answered from the
 * {@code --live-tags} file when there is one; otherwise with no object, and the plan notes that nothing live was checked.
 */
final class RecordingMonitor implements Recorder {
    private static final String STACK_TYPE = "pulumi:pulumi:Stack";

    private final String project;
    private final String stack;
    private final ConcurrentLinkedQueue<Registration> registrations = new ConcurrentLinkedQueue<>();
    private final Map<String, Prop.Obj> outputs = new ConcurrentHashMap<>();
    private final Optional<LiveTags> live;
    private final ConcurrentLinkedQueue<LiveRead> reads = new ConcurrentLinkedQueue<>();
    private final StackOutputs stackOutputs;
    /** Why a read could not be answered: the program then fails on the SDK's side with a less helpful message. */
    private final java.util.concurrent.atomic.AtomicReference<String> refusal = new java.util.concurrent.atomic.AtomicReference<>();

    RecordingMonitor(String project, String stack, Optional<LiveTags> live, StackOutputs stackOutputs) {
        this.project = project;
        this.stack = stack;
        this.live = live;
        this.stackOutputs = stackOutputs;
    }

    /** The first read the monitor refused (a StackReference to a stack without outputs), as the user's fix. */
    Optional<String> refusal() {
        return Optional.ofNullable(refusal.get());
    }

    @Override
    public boolean supportsFeature(String id) {
        // Resource references and output values would make the SDK rebuild resource objects by classpath
        // scanning; plain values are what a preview needs and keep the recorder fast.
        return switch (id) {
            case "secrets", "deletedWith", "aliasSpecs" -> true;
            default -> false;
        };
    }

    @Override
    public RegisterResourceResponse registerResource(String urn, RegisterResourceRequest request) {
        registrations.add(record(urn, request));
        return RegisterResourceResponse.newBuilder()
                .setUrn(urn)
                .setId("")
                .setObject(request.getCustom() ? request.getObject() : Struct.getDefaultInstance())
                .build();
    }

    @Override
    public void registerResourceOutputs(RegisterResourceOutputsRequest request) {
        outputs.put(request.getUrn(), PropDecoder.decode(request.getOutputs()));
    }

    @Override
    public ReadResourceResponse readResource(String urn, ReadResourceRequest request) {
        if (request.getType().equals(StackOutputs.TYPE)) {
            try {
                return ReadResourceResponse.newBuilder().setUrn(urn).setProperties(stackOutputs.state(request.getId())).build();
            } catch (IllegalArgumentException e) {
                refusal.compareAndSet(null, e.getMessage());
                throw e;
            }
        }
        var id = request.getId();
        var slash = id.indexOf('/');
        var found = live.flatMap(tags -> request.getType().equals(DEPLOYMENT) && slash > 0
                ? tags.deployment(id.substring(0, slash), id.substring(slash + 1)) : Optional.empty());
        reads.add(new LiveRead(request.getType(), id, found.isPresent() ? LiveRead.Answer.FOUND
                : live.isPresent() ? LiveRead.Answer.NOT_IN_FILE : LiveRead.Answer.UNCHECKED));
        // No object is answered as explicit nulls: in a preview, a field left out would be unknown, and so would every
        // value computed from it (the whole release), where "nothing runs" is what the plan assumes.
        var none = Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        var object = Struct.newBuilder().putFields("metadata", none).putFields("spec", none);
        found.ifPresent(containers -> {
            var list = ListValue.newBuilder();
            containers.forEach(c -> list.addValues(struct(Map.of("name", str(c.name()), "image", str(c.image())))));
            object.putFields("metadata", struct(Map.of("namespace", str(id.substring(0, slash)), "name", str(id.substring(slash + 1)))));
            object.putFields("spec", struct(Map.of("template", struct(Map.of("spec", struct(Map.of("containers",
                    Value.newBuilder().setListValue(list).build())))))));
        });
        return ReadResourceResponse.newBuilder().setUrn(urn).setProperties(object).build();
    }

    private static final String DEPLOYMENT = "kubernetes:apps/v1:Deployment";

    private static Value str(String s) {
        return Value.newBuilder().setStringValue(s).build();
    }

    private static Value struct(Map<String, Value> fields) {
        return Value.newBuilder().setStructValue(Struct.newBuilder().putAllFields(fields)).build();
    }

    private Registration record(String urn, RegisterResourceRequest r) {
        var propertyDependencies = new TreeMap<String, List<String>>();
        r.getPropertyDependenciesMap().forEach((k, v) -> propertyDependencies.put(k, sorted(v.getUrnsList())));
        var provider = r.getProvider().isEmpty() ? Optional.<String>empty() : Optional.of(providerUrn(r.getProvider()));
        return new Registration(
                urn,
                r.getType(),
                r.getName(),
                r.getCustom(),
                r.getParent(),
                markSecretOutputs(PropDecoder.decode(r.getObject()), r.getAdditionalSecretOutputsList()),
                provider,
                r.getVersion().isEmpty() ? Optional.empty() : Optional.of(r.getVersion()),
                sorted(r.getDependenciesList()),
                Collections.unmodifiableMap(propertyDependencies),
                new Registration.Options(
                        r.getProtect(),
                        r.getRetainOnDelete(),
                        sorted(r.getIgnoreChangesList()),
                        sorted(r.getReplaceOnChangesList()),
                        sorted(r.getAdditionalSecretOutputsList()),
                        r.getDeletedWith().isEmpty() ? Optional.empty() : Optional.of(r.getDeletedWith()),
                        aliasUrns(r),
                        r.getImportId().isEmpty() ? Optional.empty() : Optional.of(r.getImportId())));
    }

    /**
     * The URNs the resource answers to besides its own, as the engine resolves an alias spec: unset fields are the
     * resource's own. A renamed child that lists its old URN here is updated in place by {@code pulumi up}.
     */
    private List<String> aliasUrns(RegisterResourceRequest r) {
        var urns = new ArrayList<String>();
        for (var alias : r.getAliasesList()) {
            if (alias.hasUrn()) {
                urns.add(alias.getUrn());
                continue;
            }
            var spec = alias.getSpec();
            var parent = spec.hasNoParent() && spec.getNoParent() ? Optional.<String>empty()
                    : Optional.of(spec.getParentUrn().isEmpty() ? r.getParent() : spec.getParentUrn());
            urns.add(Urns.of(spec.getStack().isEmpty() ? stack : spec.getStack(),
                    spec.getProject().isEmpty() ? project : spec.getProject(), parent.filter(p -> !p.isEmpty()),
                    spec.getType().isEmpty() ? r.getType() : spec.getType(),
                    spec.getName().isEmpty() ? r.getName() : spec.getName()));
        }
        return sorted(urns);
    }

    /**
     * The SDK sends an unknown value without its secret flag. The engine keeps a resource's state secret
     * for every property named in {@code additionalSecretOutputs} (the bindings list the properties their
     * provider schema declares secret), and in a preview the state is the inputs: so mark them here.
     */
    private static Prop.Obj markSecretOutputs(Prop.Obj inputs, List<String> secretOutputs) {
        if (secretOutputs.isEmpty()) {
            return inputs;
        }
        var fields = new TreeMap<>(inputs.fields());
        for (var name : secretOutputs) {
            var value = fields.get(name);
            if (value != null && !value.isNull() && !(value instanceof Prop.Secret)) {
                fields.put(name, new Prop.Secret(value));
            }
        }
        return new Prop.Obj(fields);
    }

    /** A provider reference is {@code urn::id}; the id is unknown in a preview, the URN is what matters. */
    private static String providerUrn(String reference) {
        var sep = reference.lastIndexOf("::");
        return sep > 0 ? reference.substring(0, sep) : reference;
    }

    private static List<String> sorted(List<String> values) {
        var copy = new ArrayList<>(values);
        Collections.sort(copy);
        return List.copyOf(copy);
    }

    Plan plan() {
        var resources = new ArrayList<>(registrations);
        resources.sort(Comparator.comparing(Registration::urn));
        var root = resources.stream().filter(r -> STACK_TYPE.equals(r.type())).findFirst();
        var stackOutputs = root.map(r -> outputs.get(r.urn())).orElse(null);
        var liveReads = new ArrayList<>(reads);
        liveReads.sort(Comparator.comparing(LiveRead::type).thenComparing(LiveRead::id));
        return new Plan(project, stack, resources, stackOutputs != null ? stackOutputs : new Prop.Obj(new TreeMap<>()),
                new TreeMap<>(outputs), liveReads);
    }
}
