package dev.citadel.identity;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.citadel.provider.KubernetesObject;

import javax.annotation.Nullable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kubernetes OIDC access, all four sides of seed 000 from one {@link OidcContract}. Creates, as children:
 * <ul>
 *   <li>one {@code ClusterRoleBinding} per bound group ({@code oidc-cluster-admins}, ...) whose Group subject is
 *       the group as the API server names it ({@code oidc:admin});</li>
 *   <li>the API-server side for the chosen {@link ApiServer} target: a Talos patch, kubeadm flags or an
 *       AuthenticationConfiguration as outputs, or an {@code aws.eks.IdentityProviderConfig};</li>
 * </ul>
 * and outputs the kubelogin kubeconfig user people paste into their kubeconfig.
 */
public final class OidcRbac extends ComponentResource {
    public static final String TYPE = "citadel:identity:OidcRbac";
    /**
     * On every binding OidcRbac emits: the groups prefix the API server was configured with. The
     * oidc-rbac-contract policy reads it to judge hand-written bindings in the same stack (Talos, kubeadm and
     * structured targets leave no API-server resource in the stack to read it from).
     */
    public static final String GROUPS_PREFIX_ANNOTATION = "citadel.dev/oidc-groups-prefix";

    private final OidcContract contract;
    private final String kubeconfigUser;
    private final Map<String, Output<?>> apiServerOutputs;

    public OidcRbac(String name, OidcRbacArgs args, @Nullable ComponentResourceOptions options) {
        super(TYPE, name, options);
        this.contract = args.contract();
        var child = CustomResourceOptions.builder().parent(this).build();
        for (var b : args.bindings()) {
            new KubernetesObject(b.bindingName(), KubernetesObject.Args.fromManifest("binding " + b.bindingName(), binding(b)), child);
        }
        this.apiServerOutputs = new TreeMap<>(args.apiServer().emit(name, contract, child));
        this.kubeconfigUser = kubeconfigUser(args.kubeconfigUser(), contract);

        var outputs = new LinkedHashMap<String, Output<?>>();
        outputs.put("contract", Output.of(contract.toOutput()));
        outputs.put("apiServer", Output.of(args.apiServer().kind()));
        outputs.putAll(apiServerOutputs);
        outputs.put("kubeconfigUser", Output.of(kubeconfigUser));
        registerOutputs(outputs);
    }

    private Map<String, Object> binding(GroupBinding b) {
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("name", b.bindingName());
        metadata.put("labels", Map.of("app.kubernetes.io/managed-by", "citadel"));
        metadata.put("annotations", Map.of(GROUPS_PREFIX_ANNOTATION, contract.groupsPrefix()));
        var subject = new LinkedHashMap<String, Object>();
        subject.put("kind", "Group");
        subject.put("apiGroup", "rbac.authorization.k8s.io");
        subject.put("name", contract.groupsPrefix() + b.group());
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

    /** What the API server, the bindings and kubelogin were rendered from. */
    public OidcContract contract() {
        return contract;
    }

    /** The kubeconfig {@code users:} entry (YAML) for people. */
    public String kubeconfigUser() {
        return kubeconfigUser;
    }

    /** The target's outputs: {@code talosPatch}, {@code apiServerFlags}, {@code authenticationConfiguration} or {@code eksIdentityProviderConfig}. */
    public Map<String, Output<?>> apiServerOutputs() {
        return apiServerOutputs;
    }
}
