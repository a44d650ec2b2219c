package dev.citadel.policy.analyzer;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Value;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import pulumirpc.AnalyzerGrpc;
import pulumirpc.AnalyzerOuterClass.AnalyzeRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzeStackRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzerResource;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Analyze calls the analyzer sends itself, through its own port, while it waits for the engine's first one. The CLI
 * launches a fresh analyzer for every preview, and its first 5,000 Analyze calls ran at a fifth of warm speed: the JIT
 * was compiling the Netty, gRPC, protobuf and decoding path on the engine's time (AnalyzerBenchmark). A preview leaves
 * the analyzer idle while the program starts; these calls spend that time compiling the same path, as the engine's
 * calls would. They stop at the engine's first Analyze or AnalyzeStack (at most the call under way finishes beside
 * it) and after {@value #LIMIT} calls, so an analyzer the engine never asks costs bounded CPU. Their answers are
 * dropped: nothing reaches the engine or the output.
 */
final class WarmUp implements ServerInterceptor {
    static final int LIMIT = 4_000;
    private static final Metadata.Key<String> MARK = Metadata.Key.of("citadel-warm-up", Metadata.ASCII_STRING_MARSHALLER);
    private static final Set<String> ENGINE_WORK = Set.of("Analyze", "AnalyzeStack", "Remediate");
    private static final String SECRET = "{\"4dabf18193072939515e22adb298388d\": \"1b47061264138c4ac30d75fd1eb44270\", \"value\": ";
    private static final String UNKNOWN = "\"04da6b54-80e4-46f7-96ec-b56ff0331ba9\"";

    private final AtomicBoolean engineArrived = new AtomicBoolean();

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (!headers.containsKey(MARK) && ENGINE_WORK.contains(call.getMethodDescriptor().getBareMethodName())) {
            engineArrived.set(true);
        }
        return next.startCall(call, headers);
    }

    /** True once the engine sent work: from then on no warm-up call starts. */
    boolean engineArrived() {
        return engineArrived.get();
    }

    /** Starts warming on a daemon thread (it never keeps the process alive). */
    Thread start(int port) {
        var thread = new Thread(() -> run(port), "citadel-warm-up");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** @return how many calls were sent */
    int run(int port) {
        var channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        var mark = new Metadata();
        mark.put(MARK, "1");
        var analyzer = AnalyzerGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(mark));
        var resources = samples();
        var stack = AnalyzeStackRequest.newBuilder().addAllResources(resources).build();
        int sent = 0;
        try {
            while (sent < LIMIT && !engineArrived.get()) {
                var r = resources.get(sent % resources.size());
                analyzer.analyze(AnalyzeRequest.newBuilder().setUrn(r.getUrn()).setType(r.getType()).setName(r.getName())
                        .setProperties(r.getProperties()).build());
                sent++;
                if (sent % 100 == 0) {
                    analyzer.analyzeStack(stack);
                }
            }
        } catch (StatusRuntimeException e) {
            // The server is shutting down, or the engine cancelled everything in flight: nothing left to warm.
        } finally {
            channel.shutdownNow();
        }
        return sent;
    }

    /**
     * Resources shaped as Citadel's components register them and as the engine marshals them (secrets as signature
     * objects, unknowns as the sentinel): the kinds most policies look at, so their code is compiled too.
     */
    static List<AnalyzerResource> samples() {
        return List.of(
                resource("kubernetes:apps/v1:Deployment", "web", """
                        {"apiVersion": "apps/v1", "kind": "Deployment",
                         "metadata": {"name": "web", "namespace": "apps", "annotations": {"reloader.stakater.com/auto": "true"}},
                         "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
                          "template": {"metadata": {"labels": {"app": "web"}},
                           "spec": {"containers": [{"name": "web", "image": "ghcr.io/example/web:1.4.2",
                             "env": [{"name": "DB_HOST", "value": %s},
                                     {"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "web-db", "key": "password"}}},
                                     {"name": "TOKEN", "value": %s"tok-1"}}],
                             "envFrom": [{"secretRef": {"name": "web-env"}}, {"configMapRef": {"name": "web-config"}}]}]}}}}
                        """.formatted(UNKNOWN, SECRET)),
                resource("kubernetes:external-secrets.io/v1:ExternalSecret", "web-db", """
                        {"apiVersion": "external-secrets.io/v1", "kind": "ExternalSecret",
                         "metadata": {"name": "web-db", "namespace": "apps", "annotations": {"citadel.dev/rotation": "0"}},
                         "spec": {"refreshInterval": "1h", "secretStoreRef": {"kind": "ClusterSecretStore", "name": "vault-kv"},
                          "target": {"name": "web-db", "creationPolicy": "Owner"},
                          "data": [{"secretKey": "password", "remoteRef": {"key": "apps/web/db", "property": "password"}}]}}
                        """),
                resource("kubernetes:postgresql.cnpg.io/v1:Cluster", "app-db", """
                        {"apiVersion": "postgresql.cnpg.io/v1", "kind": "Cluster",
                         "metadata": {"name": "app-db", "namespace": "db"},
                         "spec": {"instances": 3, "imageName": "ghcr.io/cloudnative-pg/postgresql:15.6",
                          "backup": {"retentionPolicy": "30d", "barmanObjectStore": {"destinationPath": "s3://backups/app-db",
                           "endpointURL": %s, "s3Credentials": {"accessKeyId": {"name": "app-db-s3", "key": "ACCESS_KEY_ID"},
                           "secretAccessKey": {"name": "app-db-s3", "key": "ACCESS_SECRET_KEY"}}}},
                          "storage": {"size": "10Gi"}}}
                        """.formatted(UNKNOWN)),
                resource("kubernetes:postgresql.cnpg.io/v1:Pooler", "app-db-pooler", """
                        {"apiVersion": "postgresql.cnpg.io/v1", "kind": "Pooler",
                         "metadata": {"name": "app-db-pooler", "namespace": "db"},
                         "spec": {"cluster": {"name": "app-db"}, "instances": 2, "type": "rw",
                          "pgbouncer": {"poolMode": "transaction", "parameters": {"idle_transaction_timeout": "60", "max_client_conn": "500"}}}}
                        """),
                resource("kubernetes:core/v1:ConfigMap", "web-config", """
                        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "web-config", "namespace": "apps"},
                         "data": {"LOG_LEVEL": "info", "FEATURES": "a,b,c"}}
                        """),
                resource("aws:rds/parameterGroup:ParameterGroup", "app-pg", """
                        {"family": "postgres15", "name": "app-pg",
                         "parameters": [{"name": "rds.force_ssl", "value": "1", "applyMethod": "pending-reboot"},
                                        {"name": "log_min_duration_statement", "value": "500"}]}
                        """),
                resource("pulumi:providers:postgresql", "app-pg-provider", """
                        {"host": "app-pg.example.internal", "port": "5432", "username": "admin", "password": %s"p"},
                         "sslmode": "verify-full", "superuser": "false"}
                        """.formatted(SECRET)));
    }

    static AnalyzerResource resource(String type, String name, String json) {
        return AnalyzerResource.newBuilder().setType(type).setName(name)
                .setUrn("urn:pulumi:warm-up::citadel::" + type + "::" + name)
                .setProperties(value(JsonParser.parseString(json)).getStructValue()).build();
    }

    private static Value value(JsonElement json) {
        var v = Value.newBuilder();
        if (json.isJsonObject()) {
            var struct = v.getStructValueBuilder();
            json.getAsJsonObject().entrySet().forEach(e -> struct.putFields(e.getKey(), value(e.getValue())));
        } else if (json.isJsonArray()) {
            var list = ListValue.newBuilder();
            json.getAsJsonArray().forEach(e -> list.addValues(value(e)));
            v.setListValue(list);
        } else if (json.isJsonNull()) {
            v.setNullValue(NullValue.NULL_VALUE);
        } else if (json.getAsJsonPrimitive().isBoolean()) {
            v.setBoolValue(json.getAsBoolean());
        } else if (json.getAsJsonPrimitive().isNumber()) {
            v.setNumberValue(json.getAsDouble());
        } else {
            v.setStringValue(json.getAsString());
        }
        return v.build();
    }
}
