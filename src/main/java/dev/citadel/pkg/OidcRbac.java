package dev.citadel.pkg;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.citadel.identity.OidcContract;
import dev.citadel.identity.OidcRbacArgs;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code citadel:index:OidcRbac}: an {@link dev.citadel.identity.OidcRbac} (its child, named after this component) for
 * a program in another language, trusting the {@code issuer} given as its contract.
 */
public final class OidcRbac extends ComponentResource {
    public static final String TYPE = "citadel:index:OidcRbac";

    @Export(name = "issuerUrl")
    private final Output<String> issuerUrl;
    @Export(name = "clientId")
    private final Output<String> clientId;
    @Export(name = "usernamePrefix")
    private final Output<String> usernamePrefix;
    @Export(name = "groupsPrefix")
    private final Output<String> groupsPrefix;
    @Export(name = "apiServerFlags")
    private final Output<Map<String, String>> apiServerFlags;
    @Export(name = "kubeconfigUser")
    private final Output<String> kubeconfigUser;

    public OidcRbac(String name, PackagedRbacInputs inputs, ComponentResourceOptions options) {
        this(name, Built.of(name, Map.of(), scope -> inputs.toArgs(inputs.idp())), options);
    }

    private OidcRbac(String name, Built<OidcRbacArgs> built, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var rbac = new dev.citadel.identity.OidcRbac(name, built.args(), built.scope().options(this));
        var contract = rbac.contract();
        this.issuerUrl = contract.applyValue(OidcContract::issuerUrl);
        this.clientId = contract.applyValue(OidcContract::clientId);
        this.usernamePrefix = contract.applyValue(OidcContract::usernamePrefix);
        this.groupsPrefix = contract.applyValue(OidcContract::groupsPrefix);
        this.apiServerFlags = contract.applyValue(c -> (Map<String, String>) new TreeMap<>(c.apiServerFlags()));
        this.kubeconfigUser = rbac.kubeconfigUser();
        registerOutputs(Map.of("issuerUrl", issuerUrl, "clientId", clientId, "usernamePrefix", usernamePrefix,
                "groupsPrefix", groupsPrefix, "apiServerFlags", apiServerFlags, "kubeconfigUser", kubeconfigUser));
    }
}
