package dev.citadel.identity;

import com.pulumi.aws.eks.IdentityProviderConfig;
import com.pulumi.aws.eks.IdentityProviderConfigArgs;
import com.pulumi.aws.eks.inputs.IdentityProviderConfigOidcArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * The only class of Citadel that names a type of the Pulumi AWS SDK. The SDK is an optional dependency
 * (49 MB, for this one resource), so the JVM must never have to resolve it for a stack without an EKS
 * target: this class is first loaded when {@link ApiServer.Eks} emits, and the Eks constructor has
 * already checked by name that the SDK is there.
 */
final class EksTarget {
    private EksTarget() {
    }

    /** Registers the cluster's {@code aws.eks.IdentityProviderConfig} and returns its id. */
    static Output<String> identityProviderConfig(String name, String clusterName, Output<OidcContract> c, CustomResourceOptions child) {
        var oidc = IdentityProviderConfigOidcArgs.builder()
                .identityProviderConfigName(name)
                .issuerUrl(c.applyValue(OidcContract::issuerUrl))
                .clientId(c.applyValue(OidcContract::clientId))
                .usernameClaim(c.applyValue(OidcContract::usernameClaim))
                .groupsClaim(c.applyValue(OidcContract::groupsClaim))
                .groupsPrefix(c.applyValue(OidcContract::groupsPrefix))
                // "-" too: left out, EKS would prefix names with the issuer URL for any claim but email.
                .usernamePrefix(c.applyValue(OidcContract::usernamePrefix));
        var config = new IdentityProviderConfig(name, IdentityProviderConfigArgs.builder()
                .clusterName(clusterName)
                .oidc(oidc.build())
                .tags(Map.of("managed-by", "citadel"))
                .build(), child);
        return config.id();
    }
}
