package dev.citadel.policy.analyzer;

import com.google.protobuf.Empty;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.PackConfig;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyEngine;
import dev.citadel.policy.PolicyResource;
import dev.citadel.policy.Violation;
import dev.citadel.policy.rules.PolicyPack;
import dev.citadel.value.Prop;
import dev.citadel.value.PropDecoder;
import io.grpc.stub.StreamObserver;
import pulumirpc.AnalyzerGrpc;
import pulumirpc.AnalyzerOuterClass;
import pulumirpc.AnalyzerOuterClass.AnalyzeDiagnostic;
import pulumirpc.AnalyzerOuterClass.AnalyzeRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzeResponse;
import pulumirpc.AnalyzerOuterClass.AnalyzeStackRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzerHandshakeRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzerHandshakeResponse;
import pulumirpc.AnalyzerOuterClass.AnalyzerInfo;
import pulumirpc.AnalyzerOuterClass.AnalyzerResource;
import pulumirpc.AnalyzerOuterClass.AnalyzerStackConfigureRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzerStackConfigureResponse;
import pulumirpc.AnalyzerOuterClass.ConfigureAnalyzerRequest;
import pulumirpc.AnalyzerOuterClass.PolicyConfigSchema;
import pulumirpc.AnalyzerOuterClass.PolicyInfo;
import pulumirpc.AnalyzerOuterClass.RemediateResponse;
import pulumirpc.Plugin.PluginInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The Citadel policy pack as the Pulumi engine talks to it: the {@code pulumirpc.Analyzer} service.
 * Properties arrive as the engine marshals them (secrets and unknowns as signature objects) and are
 * decoded into the same model `citadel plan` uses, so both run the same checks the same way.
 * Configuration comes from the stack ({@code citadel:policies}, ConfigureStack) and from the CLI's
 * policy config (Configure); the CLI's wins.
 */
public final class CitadelAnalyzer extends AnalyzerGrpc.AnalyzerImplBase {
    private final List<Policy> policies;
    private final Set<String> ids;
    private final AtomicReference<TreeMap<String, Prop>> stackConfig = new AtomicReference<>(new TreeMap<>());
    private final AtomicReference<TreeMap<String, Prop>> cliConfig = new AtomicReference<>(new TreeMap<>());
    /** The config in force: parsed once per Configure, not once per Analyze call. */
    private final AtomicReference<PackConfig> inForce = new AtomicReference<>(PackConfig.empty());
    private final InFlight inFlight = new InFlight();

    /** What marks each call's start for Cancel; the server installs it around this service. */
    InFlight inFlight() {
        return inFlight;
    }

    public CitadelAnalyzer(List<Policy> policies) {
        this.policies = List.copyOf(policies);
        this.ids = policies.stream().map(p -> p.info().id()).collect(Collectors.toSet());
    }

    @Override
    public void handshake(AnalyzerHandshakeRequest request, StreamObserver<AnalyzerHandshakeResponse> response) {
        reply(response, AnalyzerHandshakeResponse.getDefaultInstance());
    }

    @Override
    public void getPluginInfo(Empty request, StreamObserver<PluginInfo> response) {
        reply(response, PluginInfo.newBuilder().setVersion(PolicyPack.VERSION).build());
    }

    @Override
    public void getAnalyzerInfo(Empty request, StreamObserver<AnalyzerInfo> response) {
        var info = AnalyzerInfo.newBuilder()
                .setName(PolicyPack.NAME)
                .setDisplayName("Citadel policy pack")
                .setVersion(PolicyPack.VERSION)
                .setSupportsConfig(true)
                .setDescription("Stops known-bad identity-platform configurations before they deploy.");
        for (var p : policies) {
            var i = p.info();
            info.addPolicies(PolicyInfo.newBuilder()
                    .setName(i.id())
                    .setDisplayName(i.id())
                    .setDescription(i.description())
                    .setMessage(i.remediation())
                    .setRemediationSteps(i.remediation())
                    .setEnforcementLevel(wire(i.defaultLevel()))
                    .setPolicyType(p instanceof Policy.StackPolicy
                            ? AnalyzerOuterClass.PolicyType.POLICY_TYPE_STACK : AnalyzerOuterClass.PolicyType.POLICY_TYPE_RESOURCE)
                    .addTags("seed-" + i.seed())
                    .setConfigSchema(schema(i)));
            info.putInitialConfig(i.id(), AnalyzerOuterClass.PolicyConfig.newBuilder().setEnforcementLevel(wire(i.defaultLevel())).build());
        }
        reply(response, info.build());
    }

    @Override
    public void configureStack(AnalyzerStackConfigureRequest request, StreamObserver<AnalyzerStackConfigureResponse> response) {
        try {
            var parsed = policiesSetting(request);
            // On its own first: an entry the CLI's config overrides would otherwise never be read, and a bad
            // level there would surface only when that override goes away.
            packConfig(parsed, new TreeMap<>());
            synchronized (this) {
                inForce.set(packConfig(parsed, cliConfig.get()));
                stackConfig.set(parsed);
            }
        } catch (RuntimeException e) {
            response.onError(io.grpc.Status.INVALID_ARGUMENT
                    .withDescription("citadel:policies is not valid policy config: " + e.getMessage()).asRuntimeException());
            return;
        }
        reply(response, AnalyzerStackConfigureResponse.getDefaultInstance());
    }

    /**
     * The stack's {@code citadel:policies}. Engines that predate it send config as a string map (field 7);
     * newer engines marshal it as a property Struct in a field these stubs do not name, so unknown
     * length-delimited fields are read as Structs too.
     */
    static TreeMap<String, Prop> policiesSetting(AnalyzerStackConfigureRequest request) {
        Prop value = Prop.NULL;
        var raw = request.getConfigMap().get("citadel:policies");
        if (raw != null && !raw.isBlank()) {
            value = PropDecoder.fromJson(raw);
        }
        for (var field : request.getUnknownFields().asMap().values()) {
            for (var bytes : field.getLengthDelimitedList()) {
                try {
                    var candidate = PropDecoder.decode(Struct.parseFrom(bytes)).get("citadel:policies");
                    if (candidate instanceof Prop.Secret) {
                        candidate = ((Prop.Secret) candidate).value();
                    }
                    if (candidate instanceof Prop.Str) {
                        candidate = PropDecoder.fromJson(((Prop.Str) candidate).value());
                    }
                    if (candidate instanceof Prop.Obj) {
                        value = candidate;
                    }
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    // not a Struct: some other field of a newer engine
                }
            }
        }
        var parsed = new TreeMap<String, Prop>();
        if (value instanceof Prop.Obj) {
            parsed.putAll(((Prop.Obj) value).fields());
        } else if (!value.isNull()) {
            throw new IllegalArgumentException("it should be a map of policy ids to levels or settings");
        }
        return parsed;
    }

    @Override
    public void configure(ConfigureAnalyzerRequest request, StreamObserver<Empty> response) {
        var parsed = new TreeMap<String, Prop>();
        try {
            request.getPolicyConfigMap().forEach((id, config) -> {
                var fields = new TreeMap<>(PropDecoder.decode(config.getProperties()).fields());
                fields.put("enforcementLevel", new Prop.Str(levelName(id, config.getEnforcementLevel(), config.getEnforcementLevelValue())));
                parsed.put(id, new Prop.Obj(fields));
            });
            synchronized (this) {
                inForce.set(packConfig(stackConfig.get(), parsed));
                cliConfig.set(parsed);
            }
        } catch (RuntimeException e) {
            // The same check `citadel plan` and the guard make: a misspelt parameter under `pulumi preview
            // --policy-pack-config` used to be dropped, and the policy ran with its default.
            response.onError(io.grpc.Status.INVALID_ARGUMENT
                    .withDescription("the policy pack config is not valid: " + e.getMessage()).asRuntimeException());
            return;
        }
        reply(response, Empty.getDefaultInstance());
    }

    @Override
    public void analyze(AnalyzeRequest request, StreamObserver<AnalyzeResponse> response) {
        var cancelled = inFlight.token();
        respond(response, () -> {
            var resource = new PolicyResource(request.getUrn(), request.getType(), request.getName(),
                    decoded(request.getUrn(), request.getProperties()), optional(request.getOptions().getParent()), List.of(),
                    pluginVersion(request.getProvider()));
            return new PolicyEngine(policies, config()).analyze(resource, cancelled);
        });
    }

    @Override
    public void analyzeStack(AnalyzeStackRequest request, StreamObserver<AnalyzeResponse> response) {
        var cancelled = inFlight.token();
        respond(response, () -> {
            // Resource checks already ran per resource in Analyze; here only the stack checks run. With none
            // enabled there is nothing to do, and the whole stack is not decoded for nothing.
            var config = config();
            var stackPolicies = policies.stream()
                    .filter(p -> p instanceof Policy.StackPolicy && config.levelOf(p.info()) != EnforcementLevel.DISABLED)
                    .toList();
            if (stackPolicies.isEmpty()) {
                return List.of();
            }
            var resources = new ArrayList<PolicyResource>(request.getResourcesCount());
            for (AnalyzerResource r : request.getResourcesList()) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("the analysis was cancelled");
                }
                resources.add(new PolicyResource(r.getUrn(), r.getType(), r.getName(), decoded(r.getUrn(), r.getProperties()),
                        optional(r.getParent()), r.getDependenciesList(), pluginVersion(r.getProvider())));
            }
            return new PolicyEngine(stackPolicies, config).analyzeStack(resources, cancelled);
        });
    }

    /**
     * The plugin version the engine runs the resource on. The engine sends the resource's provider with the provider's
     * inputs, where it keeps the version ({@code version}); a default provider is also named after it
     * ({@code default_4_34_2}), which is read when an older engine leaves the inputs out.
     */
    static Optional<String> pluginVersion(AnalyzerOuterClass.AnalyzerProviderResource provider) {
        var version = provider.getProperties().getFieldsMap().get("version");
        if (version != null && version.hasStringValue() && !version.getStringValue().isEmpty()) {
            return Optional.of(version.getStringValue());
        }
        var name = provider.getName().isEmpty() ? provider.getUrn().substring(provider.getUrn().lastIndexOf(':') + 1) : provider.getName();
        return name.matches("default_\\d+_\\d+_\\d+.*")
                ? Optional.of(name.substring("default_".length()).replaceFirst("_", ".").replaceFirst("_", "."))
                : Optional.empty();
    }

    /** A resource's properties, or a clean INVALID_ARGUMENT naming the limit they break. */
    private static Prop.Obj decoded(String urn, Struct properties) {
        try {
            return PropDecoder.decode(properties);
        } catch (PropDecoder.TooDeep e) {
            throw new BadRequest("the properties of " + urn + " cannot be analyzed: " + e.getMessage());
        }
    }

    /** A request the analyzer refuses as INVALID_ARGUMENT (not a verdict about the resources). */
    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    @Override
    public void remediate(AnalyzeRequest request, StreamObserver<RemediateResponse> response) {
        // No policy rewrites resources: every fix here needs a person's decision (a version, a secret, a group).
        reply(response, RemediateResponse.getDefaultInstance());
    }

    /**
     * Advisory and non-blocking, as the protocol has it: running analyses end with CANCELLED at their next
     * check, and this answers at once (it answered only when a running 20,000-resource stack was done).
     */
    @Override
    public void cancel(Empty request, StreamObserver<Empty> response) {
        inFlight.cancelAll();
        reply(response, Empty.getDefaultInstance());
    }

    private PackConfig config() {
        return inForce.get();
    }

    /** The CLI's policy config wins over the stack's; unknown policy ids and parameters are rejected as in `citadel plan`. */
    private PackConfig packConfig(TreeMap<String, Prop> stack, TreeMap<String, Prop> cli) {
        var merged = new TreeMap<>(stack);
        merged.putAll(cli);
        return PackConfig.parse(new Prop.Obj(merged), ids)
                .validateParams(policies.stream().map(p -> p.info()).toList());
    }

    private void respond(StreamObserver<AnalyzeResponse> response, java.util.function.Supplier<List<Violation>> verdicts) {
        List<Violation> violations;
        try {
            violations = verdicts.get();
        } catch (CancellationException e) {
            response.onError(io.grpc.Status.CANCELLED.withDescription(
                    "the policy pack stopped this analysis: the engine cancelled it, or its client went away").asRuntimeException());
            return;
        } catch (BadRequest e) {
            response.onError(io.grpc.Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (RuntimeException e) {
            // Misconfiguration of the pack itself: report it against every run rather than pass silently.
            violations = List.of(new Violation("policy-config", EnforcementLevel.MANDATORY, "",
                    "the Citadel policy pack cannot run: " + e.getMessage(), "fix the policy configuration"));
        }
        var out = AnalyzeResponse.newBuilder();
        for (var v : violations) {
            var description = policies.stream().filter(p -> p.info().id().equals(v.policyId())).findFirst()
                    .map(p -> p.info().description()).orElse(v.policyId());
            out.addDiagnostics(AnalyzeDiagnostic.newBuilder()
                    .setPolicyName(v.policyId())
                    .setPolicyPackName(PolicyPack.NAME)
                    .setPolicyPackVersion(PolicyPack.VERSION)
                    .setDescription(description)
                    .setMessage(v.message() + "\nFix: " + v.remediation())
                    .setEnforcementLevel(wire(v.level()))
                    .setUrn(v.urn()));
        }
        reply(response, out.build());
    }

    private static PolicyConfigSchema schema(dev.citadel.policy.PolicyInfo info) {
        var properties = Struct.newBuilder();
        for (var param : info.params()) {
            properties.putFields(param.name(), Value.newBuilder().setStructValue(Struct.newBuilder()
                    .putFields("type", Value.newBuilder().setStringValue(param.type()).build())
                    .putFields("description", Value.newBuilder().setStringValue(param.description()).build())).build());
        }
        properties.putFields("exceptions", Value.newBuilder().setStructValue(Struct.newBuilder()
                .putFields("type", Value.newBuilder().setStringValue("array").build())
                .putFields("description", Value.newBuilder().setStringValue(
                        "resources this policy does not apply to: [{urn, reason}]").build())
                .putFields("items", Value.newBuilder().setStructValue(Struct.newBuilder()
                        .putFields("type", Value.newBuilder().setStringValue("object").build())
                        .putFields("required", Value.newBuilder().setListValue(ListValue.newBuilder()
                                .addValues(Value.newBuilder().setStringValue("urn"))
                                .addValues(Value.newBuilder().setStringValue("reason"))).build())).build()).build()).build());
        return PolicyConfigSchema.newBuilder().setProperties(properties).build();
    }

    static AnalyzerOuterClass.EnforcementLevel wire(EnforcementLevel level) {
        switch (level) {
            case MANDATORY:
                return AnalyzerOuterClass.EnforcementLevel.MANDATORY;
            case DISABLED:
                return AnalyzerOuterClass.EnforcementLevel.DISABLED;
            default:
                return AnalyzerOuterClass.EnforcementLevel.ADVISORY;
        }
    }

    /**
     * The level the CLI sent, as policy config spells it. A number the protocol does not define was read as
     * advisory, so the policy ran below mandatory and must-flag cases stopped blocking: it is refused.
     */
    static String levelName(String id, AnalyzerOuterClass.EnforcementLevel wire, int number) {
        switch (wire) {
            case ADVISORY:
                return EnforcementLevel.ADVISORY.wireName();
            case MANDATORY:
                return EnforcementLevel.MANDATORY.wireName();
            case DISABLED:
                return EnforcementLevel.DISABLED.wireName();
            case REMEDIATE:
                return EnforcementLevel.REMEDIATE;
            default:
                throw new IllegalArgumentException("policies." + id + ".enforcementLevel: " + number
                        + " is not an enforcement level the analyzer protocol defines (advisory, mandatory, disabled, remediate)");
        }
    }

    private static Optional<String> optional(String s) {
        return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static <T> void reply(StreamObserver<T> response, T value) {
        response.onNext(value);
        response.onCompleted();
    }
}
