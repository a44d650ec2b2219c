package dev.citadel.identity;

import com.pulumi.core.Alias;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.citadel.component.ComponentError;
import dev.citadel.contract.Labels;
import dev.citadel.contract.OidcGroups;
import dev.citadel.provider.KubernetesObject;

import javax.annotation.Nullable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes OIDC access, all four sides of seed 000 from one {@link OidcContract}. Creates, as children:
 * <ul>
 *   <li>one {@code ClusterRoleBinding} per bound group ({@code <name>-oidc-cluster-admins}, ..., the object named
 *       {@code oidc-cluster-admins}) whose Group subject is the group as the API server names it ({@code oidc:admin});</li>
 *   <li>the API-server side for the chosen {@link ApiServer} target: a Talos patch, kubeadm flags or an
 *       AuthenticationConfiguration as outputs, or an {@code aws.eks.IdentityProviderConfig};</li>
 * </ul>
 * and outputs the kubelogin kubeconfig user people paste into their kubeconfig. Two of them (one per cluster,
 * each with its cluster's provider) live side by side in one stack: every child is named after the component.
 */
public final class OidcRbac extends ComponentResource {
    public static final String TYPE = "citadel:identity:OidcRbac";

    private final Output<OidcContract> contract;
    private final Output<String> kubeconfigUser;
    private final ApiServerConfig apiServer;

    public OidcRbac(String name, OidcRbacArgs args) {
        this(name, args, null);
    }

    public OidcRbac(String name, OidcRbacArgs args, @Nullable ComponentResourceOptions options) {
        super(TYPE, name, options);
        try {
            this.contract = args.contractOutput();
            for (var b : args.bindings()) {
                // Builds before 7b7ca9e named the child like the object; the alias keeps a deployed binding's URN, so
                // `pulumi up` updates it in place instead of deleting and recreating live access.
                var child = CustomResourceOptions.builder().parent(this)
                        .aliases(Alias.builder().name(b.bindingName()).build()).build();
                new KubernetesObject(name + "-" + b.bindingName(),
                        KubernetesObject.Args.fromManifest("binding " + b.bindingName(),
                                binding(b, args.groupsPrefix(), args.audiences().orElse(List.of()))), child);
            }
            this.apiServer = args.apiServer().emit(name, contract, CustomResourceOptions.builder().parent(this).build());
            this.kubeconfigUser = contract.applyValue(c -> kubeconfigUser(args.kubeconfigUser(), c));

            var outputs = new LinkedHashMap<String, Output<?>>();
            outputs.put("contract", contract.applyValue(OidcContract::toOutput));
            outputs.put("apiServer", Output.of(args.apiServer().kind()));
            outputs.putAll(apiServer.exports());
            outputs.put("kubeconfigUser", kubeconfigUser);
            registerOutputs(outputs);
        } catch (IllegalArgumentException e) {
            // Named here, where the name is known: a builder ran before it was.
            throw ComponentError.of(TYPE, name, e);
        }
    }

    private static Map<String, Object> binding(GroupBinding b, String groupsPrefix, List<String> audiences) {
        var metadata = Labels.metadata(b.bindingName(), null);
        metadata.put("annotations", OidcGroups.bindingAnnotations(groupsPrefix, audiences));
        var subject = new LinkedHashMap<String, Object>();
        subject.put("kind", "Group");
        subject.put("apiGroup", "rbac.authorization.k8s.io");
        subject.put("name", groupsPrefix + b.group());
        var roleRef = new LinkedHashMap<String, Object>();
        roleRef.put("apiGroup", "rbac.authorization.k8s.io");
        roleRef.put("kind", "ClusterRole");
        roleRef.put("name", b.clusterRole());
        var object = new LinkedHashMap<String, Object>();
        object.put("apiVersion", "rbac.authorization.k8s.io/v1");
        object.put("kind", "ClusterRoleBinding");
        object.put("metadata", metadata);
        object.put("subjects", List.of(subject));
        object.put("roleRef", roleRef);
        return object;
    }

    /**
     * A kubeconfig {@code users:} entry running kubelogin ({@code kubectl oidc-login get-token}) against the same
     * issuer and client as the API server, asking for the same scopes (groups among them).
     */
    static String kubeconfigUser(String name, OidcContract c) {
        var args = new ArrayList<String>();
        args.add("oidc-login");
        args.add("get-token");
        args.add("--oidc-issuer-url=" + c.issuerUrl());
        args.add("--oidc-client-id=" + c.clientId());
        c.scopes().forEach(s -> args.add("--oidc-extra-scope=" + s));
        var exec = new LinkedHashMap<String, Object>();
        exec.put("apiVersion", "client.authentication.k8s.io/v1");
        exec.put("command", "kubectl");
        exec.put("args", args);
        exec.put("interactiveMode", "IfAvailable");
        var user = new LinkedHashMap<String, Object>();
        user.put("name", name);
        user.put("user", Map.of("exec", exec));
        return YamlText.of(Map.of("users", List.of(user)));
    }

    /** What the API server, the bindings and kubelogin were rendered from (the stack's {@code identity} output). */
    public Output<OidcContract> contract() {
        return contract;
    }

    /** The issuer the API server trusts. */
    public Output<String> issuerUrl() {
        return contract.applyValue(OidcContract::issuerUrl);
    }

    /** The kubeconfig {@code users:} entry (YAML) for people. */
    public Output<String> kubeconfigUser() {
        return kubeconfigUser;
    }

    /** What was made for the API server: one {@link ApiServerConfig} type per target. */
    public ApiServerConfig apiServer() {
        return apiServer;
    }
}
