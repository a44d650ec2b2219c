package dev.citadel.pkg;

import com.google.gson.JsonParser;
import com.google.protobuf.Empty;
import dev.citadel.config.Binder;
import dev.citadel.config.Paths;
import dev.citadel.database.CnpgClusterInputs;
import dev.citadel.provider.Plugin;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pulumirpc.Provider.ConstructRequest;
import pulumirpc.Provider.ConstructResponse;
import pulumirpc.Provider.GetSchemaRequest;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code citadel} component package as a Pulumi program in another language meets it: the plugin launched as the
 * CLI launches it ({@code package/citadel-package <engine-address>}, its port on stdout), driven over
 * {@code pulumirpc.ResourceProvider} by a stand-in engine whose resource monitor records what Construct registers.
 */
class ComponentPackageIT {
    static FakeEngine engine;
    static LaunchedPackage plugin;

    @BeforeAll
    static void launch() throws Exception {
        engine = new FakeEngine();
        plugin = LaunchedPackage.launch(engine.address());
    }

    @AfterAll
    static void stop() throws Exception {
        plugin.close();
        engine.close();
    }

    @BeforeEach
    void clear() {
        engine.clear();
    }

    static ConstructResponse construct(String type, String name, Map<String, Object> inputs) {
        return plugin.stub().construct(request(type, name, inputs).setParent(FakeEngine.ROOT).build());
    }

    static ConstructRequest.Builder request(String type, String name, Map<String, Object> inputs) {
        return ConstructRequest.newBuilder().setType(type).setName(name).setInputs(Wire.struct(inputs))
                .setProject(FakeEngine.PROJECT).setStack(FakeEngine.STACK).setDryRun(false)
                .setMonitorEndpoint(engine.address());
    }

    @Test
    void thePluginNamesItselfAndTheSchemaIsThePackagesWithItsVersionAndPinnedPlugins() {
        var schema = JsonParser.parseString(plugin.stub().getSchema(GetSchemaRequest.getDefaultInstance()).getSchema()).getAsJsonObject();
        assertThat(schema.get("name").getAsString()).isEqualTo("citadel");
        assertThat(schema.get("version").getAsString()).isEqualTo(CitadelPackage.version()).matches("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");
        var dependencies = new HashMap<String, String>();
        schema.getAsJsonArray("dependencies").forEach(d -> dependencies.put(
                d.getAsJsonObject().get("name").getAsString(), d.getAsJsonObject().get("version").getAsString()));
        Arrays.stream(Plugin.values()).forEach(p -> assertThat(dependencies).containsEntry(p.pkg(), p.version()));
        assertThat(plugin.stub().getPluginInfo(Empty.getDefaultInstance())).isNotNull();
    }

    @Test
    void getSchemaFollowsThePackageSchemaRules() {
        var schema = JsonParser.parseString(plugin.stub().getSchema(GetSchemaRequest.getDefaultInstance()).getSchema()).getAsJsonObject();
        SchemaRules.assertFollowed(schema);
        SchemaRules.assertListsComponents(schema);
    }

    @Test
    void constructRegistersWhatTheJavaConstructorRegistersAndReturnsTheOutputs() {
        var secret = construct(VaultBackedSecret.TYPE, "appDbSecret", Examples.secretInputs());
        assertThat(secret.getUrn()).endsWith("::citadel:index:VaultBackedSecret::appDbSecret");
        assertSameChildren(JavaRun.registrations(ctx -> new dev.citadel.secrets.VaultBackedSecret("app-db", Examples.secretArgs(), null)));
        var state = secret.getState().getFieldsMap();
        assertThat(Wire.plain(state.get("secretNames"))).isEqualTo(Map.of("apps", "app-db"));
        assertThat(Wire.plain(state.get("keys"))).isEqualTo(java.util.List.of("apiKey", "password", "username"));
        assertThat(Wire.plain(state.get("vaultPath"))).isEqualTo("secret/apps/db");

        engine.clear();
        var cluster = construct(CnpgCluster.TYPE, "appDb", Examples.clusterInputs());
        assertSameChildren(JavaRun.registrations(ctx -> new dev.citadel.database.CnpgCluster("app-db", Examples.clusterArgs(), null)));
        assertThat(Wire.plain(cluster.getState().getFieldsOrThrow("host"))).isEqualTo("app-db-rw.apps.svc");
        assertThat(Wire.plain(cluster.getState().getFieldsOrThrow("clusterName"))).isEqualTo("app-db");

        engine.clear();
        var rbac = construct(OidcRbac.TYPE, "clusterOidc", Examples.rbacInputs());
        assertSameChildren(JavaRun.registrations(ctx -> new dev.citadel.identity.OidcRbac("clusterOidc", Examples.rbacArgs(), null)));
        assertThat(Wire.plain(rbac.getState().getFieldsOrThrow("issuerUrl"))).isEqualTo(Examples.ISSUER);
        assertThat(Wire.plain(rbac.getState().getFieldsOrThrow("clientId"))).isEqualTo("kubernetes");
        assertThat((String) Wire.plain(rbac.getState().getFieldsOrThrow("kubeconfigUser"))).contains("--oidc-issuer-url=" + Examples.ISSUER);
    }

    /** Everything under the packaged component is what the Java constructor registers, pinned to the package's plugins. */
    private static void assertSameChildren(java.util.List<JavaRun.Child> java) {
        var registered = engine.registrations();
        assertThat(registered.get(0).getParent()).as("the component's parent is the program's").isEqualTo(FakeEngine.ROOT);
        var children = registered.subList(1, registered.size()).stream()
                .map(r -> new JavaRun.Child(r.getType(), r.getName(), Wire.canonical(Wire.plain(
                        com.google.protobuf.Value.newBuilder().setStructValue(r.getObject()).build()))))
                .toList();
        assertThat(new TreeSet<>(children.stream().map(Object::toString).toList()))
                .isEqualTo(new TreeSet<>(java.stream().map(Object::toString).toList()));
        var pins = new HashMap<String, String>();
        Arrays.stream(Plugin.values()).forEach(p -> pins.put(p.pkg(), p.version()));
        registered.stream().filter(r -> r.getCustom()).forEach(r ->
                assertThat(r.getVersion()).as(r.getType()).isEqualTo(pins.get(r.getType().split(":")[0])));
    }

    @Test
    void aSecretPassedInStaysSecretInWhatIsRegisteredReturnedAndLogged() {
        var response = construct(VaultBackedSecret.TYPE, "appDbSecret", Examples.secretInputs());
        var vault = engine.registrations().stream().filter(r -> r.getObject().toString().contains(Examples.API_KEY)).toList();
        assertThat(vault).as("the value reaches Vault").isNotEmpty();
        engine.registrations().forEach(r -> assertThat(Wire.visibleStrings(com.google.protobuf.Value.newBuilder()
                .setStructValue(r.getObject()).build())).as(r.getType() + " " + r.getName()).noneMatch(s -> s.contains(Examples.API_KEY)));
        engine.outputs.forEach(o -> assertThat(Wire.visibleStrings(com.google.protobuf.Value.newBuilder()
                .setStructValue(o.getOutputs()).build())).noneMatch(s -> s.contains(Examples.API_KEY)));
        assertThat(Wire.visibleStrings(com.google.protobuf.Value.newBuilder().setStructValue(response.getState()).build()))
                .noneMatch(s -> s.contains(Examples.API_KEY));
        // Above debug: the SDK's own debug lines dump each registration request, secrets included (see docs/package.md).
        assertThat(engine.logs).filteredOn(l -> l.getSeverity() != pulumirpc.EngineOuterClass.LogSeverity.DEBUG)
                .noneMatch(l -> l.getMessage().contains(Examples.API_KEY));
    }

    @Test
    void aBadInputFailsConstructWithTheBuildersOneLineMessageAtTheResourcesPath() {
        var inputs = new HashMap<>(Examples.clusterInputs());
        inputs.put("backup", Map.of("bucket", "s3://backups/app-db", "retention", "30days", "credentials", Map.of("secretName", "s3-creds")));
        var error = refusal(CnpgCluster.TYPE, "appDb", inputs);
        // The same input as stack config: the same message after the path.
        var stackConfig = stackConfigMessage(inputs);
        assertThat(stackConfig).startsWith("citadel:databases[0].backup.retention: ");
        assertThat(error).isEqualTo("appDb" + stackConfig.substring("citadel:databases[0]".length()));
        assertThat(engine.registrations()).as("nothing registered before the refusal").isEmpty();
    }

    @Test
    void aNameNoSecretAnswersAndAnUnknownSettingAreRefusedByName() {
        var inputs = new HashMap<>(Examples.clusterInputs());
        inputs.put("roles", java.util.List.of(Map.of("name", "app", "secret", "app-dbb")));
        assertThat(refusal(CnpgCluster.TYPE, "appDb", inputs))
                .isEqualTo("appDb.roles[0].secret: no secrets entry is named 'app-dbb' (there are [app-db]); add it to secrets from the component's outputs");
        var typo = new HashMap<>(Examples.rbacInputs());
        typo.put("bindigns", typo.remove("bindings"));
        assertThat(refusal(OidcRbac.TYPE, "clusterOidc", typo)).startsWith("clusterOidc.bindigns is not a known setting here; did you mean bindings?");
    }

    @Test
    void aSecretInABadInputIsNotShownInTheMessage() {
        var inputs = new HashMap<>(Examples.clusterInputs());
        inputs.put("instances", new Wire.Secret("hunter2-not-a-number"));
        var error = refusal(CnpgCluster.TYPE, "appDb", inputs);
        assertThat(error).isEqualTo("appDb.instances: '[secret]' is not a whole number; write e.g. 2");
    }

    /**
     * Build 3's alternative to an offline plan of a YAML program (docs/package.md says why): the docs' YAML example,
     * each resource constructed through the plugin in order, its ${resource.output} references taken from the outputs
     * of the ones before, as the YAML runtime does.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theDocsYamlProgramConstructsThroughThePlugin() throws Exception {
        var program = (Map<String, Object>) new org.yaml.snakeyaml.Yaml().load(java.nio.file.Files.readString(java.nio.file.Path.of("docs", "package", "Pulumi.yaml")));
        var states = new HashMap<String, Map<String, com.google.protobuf.Value>>();
        var resources = (Map<String, Map<String, Object>>) program.get("resources");
        resources.forEach((name, resource) -> {
            var properties = (Map<String, Object>) resolve(resource.get("properties"), states);
            states.put(name, construct((String) resource.get("type"), name, properties).getState().getFieldsMap());
        });
        assertThat(states).containsOnlyKeys("appDbSecret", "appDb", "clusterOidc");
        var outputs = (Map<String, Object>) resolve(program.get("outputs"), states);
        assertThat(outputs).containsEntry("databaseHost", "app-db-rw.apps.svc");
        // The cluster, its role reading the Secret the VaultBackedSecret syncs, is the Java stack's for the same values.
        var java = JavaRun.registrations(ctx -> new dev.citadel.database.CnpgCluster("app-db", Examples.clusterArgs(), null))
                .stream().filter(c -> c.type().endsWith(":Cluster")).map(JavaRun.Child::inputs).toList();
        var constructed = engine.registrations().stream().filter(r -> r.getType().endsWith(":Cluster"))
                .map(r -> Wire.canonical(Wire.plain(com.google.protobuf.Value.newBuilder().setStructValue(r.getObject()).build()))).toList();
        assertThat(java).hasSize(1);
        assertThat(constructed).isEqualTo(java);
    }

    @SuppressWarnings("unchecked")
    private static Object resolve(Object value, Map<String, Map<String, com.google.protobuf.Value>> states) {
        if (value instanceof String s && s.matches("\\$\\{\\w+\\.\\w+}")) {
            var ref = s.substring(2, s.length() - 1).split("\\.");
            return Wire.plain(states.get(ref[0]).get(ref[1]));
        }
        if (value instanceof Map<?, ?> m) {
            var out = new java.util.LinkedHashMap<String, Object>();
            ((Map<String, Object>) m).forEach((k, v) -> out.put(k, resolve(v, states)));
            return out;
        }
        if (value instanceof java.util.List<?> l) {
            return l.stream().map(v -> resolve(v, states)).toList();
        }
        return value;
    }

    @Test
    void constructWithoutAParentIsRefusedAsTheSdkDoes() {
        assertThatThrownBy(() -> plugin.stub().construct(request(OidcRbac.TYPE, "x", Examples.rbacInputs()).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    private static String refusal(String type, String name, Map<String, Object> inputs) {
        try {
            construct(type, name, inputs);
        } catch (StatusRuntimeException e) {
            var message = e.getStatus().getDescription();
            assertThat(message).doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(engine.logs).noneMatch(l -> l.getMessage().contains("\tat ") || l.getMessage().contains("Exception"));
            return message;
        }
        throw new AssertionError("Construct of " + type + " accepted the input");
    }

    /** What stack config says about the same cluster input: bound and built at citadel:databases[0]. */
    private static String stackConfigMessage(Map<String, Object> inputs) {
        var json = JsonParser.parseString(Wire.canonical(inputs)).getAsJsonObject();
        json.remove("secrets");
        var paths = new Paths();
        try {
            paths.locate(() -> Binder.bind("citadel:databases[0]", json, CnpgClusterInputs.class, paths)
                    .toArgs(new PackageScope("stack", Map.of("app-db", new dev.citadel.secrets.SyncedSecretContract("app-db",
                            Map.of("apps", "app-db"), Set.of("password"))))));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("stack config accepted the input");
    }

}
