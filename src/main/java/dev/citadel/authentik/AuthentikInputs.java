package dev.citadel.authentik;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import dev.citadel.config.Doc;
import dev.citadel.config.Inputs;
import dev.citadel.config.Scope;
import dev.citadel.names.KubernetesNames;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code citadel:authentik}: the release ({@code release}) and its flows as blueprints ({@code flows}), in one namespace. */
@Doc("authentik: the hardened release and its flows, in one namespace.")
public final class AuthentikInputs extends Inputs {
    @Import(name = "namespace") @Doc("authentik's namespace; default " + AuthentikFlowArgs.DEFAULT_NAMESPACE + ".")
    private String namespace;
    @Import(name = "release") @Doc("The Helm release.")
    private AuthentikReleaseInputs release;
    @Import(name = "flows") @Doc("The blueprints.")
    private AuthentikFlowInputs flows;

    public Map<String, Output<?>> define(Scope scope) {
        var exports = new LinkedHashMap<String, Output<?>>();
        if (release == null && flows == null) {
            return exports;
        }
        var ns = namespace == null ? AuthentikFlowArgs.DEFAULT_NAMESPACE : namespace;
        // Checked here, or the first component to use it names its own field (outpost kubernetes_namespace, ...).
        build(() -> KubernetesNames.label("namespace", ns));
        var releaseScope = scope.another();
        String configMap = null;
        if (flows != null) {
            var args = flows.toArgs(ns);
            var component = new AuthentikFlow("authentik-flows", args, scope.another().options());
            releaseScope.waitFor(component);
            configMap = args.configMap();
            exports.put("authentikBlueprints", component.blueprintNames());
        }
        if (release != null) {
            var outpost = flows == null ? AuthentikDefaults.EMBEDDED_OUTPOST : flows.outpostName();
            var args = release.toArgs(releaseScope, ns, configMap, outpost);
            var component = new AuthentikRelease("authentik", args, releaseScope.options());
            exports.put("authentikImageTag", component.imageTag());
        }
        return exports;
    }
}
