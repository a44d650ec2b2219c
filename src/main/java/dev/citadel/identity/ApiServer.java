package dev.citadel.identity;

import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the Kubernetes API server learns to trust the realm. Every target renders the same
 * {@link OidcContract}, so issuer, client id, claims and prefixes cannot drift from the bindings and the IdP.
 */
public sealed interface ApiServer {

    /** A Talos machine-config patch for control-plane nodes ({@code cluster.apiServer.extraArgs}), seed 000's form. */
    static ApiServer talos() {
        return new Talos();
    }

    /**
     * kubeadm: a {@code ClusterConfiguration} ({@code kubeadm.k8s.io/v1beta4}) whose {@code apiServer.extraArgs}
     * carry the OIDC settings, and the same as {@code --oidc-*} command-line flags for a static pod manifest.
     */
    static ApiServer kubeadm() {
        return new Kubeadm();
    }

    /** A structured {@code AuthenticationConfiguration} ({@code apiserver.config.k8s.io/v1}, Kubernetes 1.34+) for {@code --authentication-config}. */
    static ApiServer authenticationConfiguration() {
        return new Structured(Structured.V1, List.of());
    }

    /** The same in {@code apiserver.config.k8s.io/v1beta1}, for Kubernetes 1.30 to 1.33. */
    static ApiServer authenticationConfigurationV1beta1() {
        return new Structured(Structured.V1BETA1, List.of());
    }

    /** An {@code aws.eks.IdentityProviderConfig} on the named EKS cluster. */
    static ApiServer eks(String clusterName) {
        return new Eks(clusterName);
    }

    /** Registers what this target needs (options {@code child}) and returns what it made. */
    ApiServerConfig emit(String name, Output<OidcContract> contract, CustomResourceOptions child);

    /** A short word for messages and stack outputs. */
    String kind();

    record Talos() implements ApiServer {
        @Override
        public ApiServerConfig emit(String name, Output<OidcContract> contract, CustomResourceOptions child) {
            return new ApiServerConfig.TalosPatch(contract.applyValue(c ->
                    YamlText.of(Map.of("cluster", Map.of("apiServer", Map.of("extraArgs", c.apiServerFlags()))))));
        }

        @Override
        public String kind() {
            return "talos";
        }
    }

    record Kubeadm() implements ApiServer {
        @Override
        public ApiServerConfig emit(String name, Output<OidcContract> contract, CustomResourceOptions child) {
            return new ApiServerConfig.Kubeadm(contract.applyValue(Kubeadm::flags), contract.applyValue(Kubeadm::clusterConfiguration));
        }

        static List<String> flags(OidcContract contract) {
            var list = new ArrayList<String>();
            contract.apiServerFlags().forEach((k, v) -> list.add("--" + k + "=" + v));
            return list;
        }

        static String clusterConfiguration(OidcContract contract) {
            var extraArgs = new ArrayList<Map<String, Object>>();
            contract.apiServerFlags().forEach((k, v) -> {
                var arg = new LinkedHashMap<String, Object>();
                arg.put("name", k);
                arg.put("value", v);
                extraArgs.add(arg);
            });
            var config = new LinkedHashMap<String, Object>();
            config.put("apiVersion", "kubeadm.k8s.io/v1beta4");
            config.put("kind", "ClusterConfiguration");
            config.put("apiServer", Map.of("extraArgs", extraArgs));
            return YamlText.of(config);
        }

        @Override
        public String kind() {
            return "kubeadm";
        }
    }

    /**
     * @param moreAudiences clients besides the contract's whose ID tokens are accepted (Headlamp's own client): set by
     *                      {@link OidcRbacArgs.Builder#audience(String)}, the one target that can carry them
     */
    record Structured(String apiVersion, List<String> moreAudiences) implements ApiServer {
        static final String V1 = "apiserver.config.k8s.io/v1";
        static final String V1BETA1 = "apiserver.config.k8s.io/v1beta1";
        /**
         * Any one of several audiences may match (kube-apiserver's only policy; required once there are two):
         * {@code jwt[].issuer.audienceMatchPolicy} of apiserver.config.k8s.io v1beta1 (1.30) and v1 (1.34).
         */
        static final String MATCH_ANY = "MatchAny";

        public Structured {
            moreAudiences = List.copyOf(moreAudiences);
        }

        Structured withAudiences(List<String> more) {
            return new Structured(apiVersion, more);
        }

        @Override
        public ApiServerConfig emit(String name, Output<OidcContract> contract, CustomResourceOptions child) {
            return new ApiServerConfig.AuthenticationConfiguration(
                    contract.applyValue(c -> YamlText.of(authenticationConfiguration(c, apiVersion, moreAudiences))));
        }

        @Override
        public String kind() {
            return "authentication-configuration";
        }

        static Map<String, Object> authenticationConfiguration(OidcContract c, String apiVersion, List<String> moreAudiences) {
            var issuer = new LinkedHashMap<String, Object>();
            issuer.put("url", c.issuerUrl());
            var audiences = new ArrayList<String>();
            audiences.add(c.clientId());
            audiences.addAll(moreAudiences);
            issuer.put("audiences", audiences);
            if (audiences.size() > 1) {
                // The API server refuses a configuration with several audiences and no match policy.
                issuer.put("audienceMatchPolicy", MATCH_ANY);
            }
            var username = new LinkedHashMap<String, Object>();
            username.put("claim", c.usernameClaim());
            // Structured config has no implicit username prefix: written out, it is the same as the flags'.
            username.put("prefix", c.usernamePrefix().equals("-") ? "" : c.usernamePrefix());
            var groups = new LinkedHashMap<String, Object>();
            groups.put("claim", c.groupsClaim());
            groups.put("prefix", c.groupsPrefix());
            var jwt = new LinkedHashMap<String, Object>();
            jwt.put("issuer", issuer);
            if (c.usernameClaim().equals("email")) {
                // The API server already refuses an email marked unverified when the username claim is email;
                // written out, the rule survives a later move of the mapping to a CEL expression, which does not.
                var rule = new LinkedHashMap<String, Object>();
                rule.put("expression", "claims.?email_verified.orValue(true) == true");
                rule.put("message", "the email address is not verified");
                jwt.put("claimValidationRules", List.of(rule));
            }
            var mappings = new LinkedHashMap<String, Object>();
            mappings.put("username", username);
            mappings.put("groups", groups);
            jwt.put("claimMappings", mappings);
            var config = new LinkedHashMap<String, Object>();
            config.put("apiVersion", apiVersion);
            config.put("kind", "AuthenticationConfiguration");
            config.put("jwt", List.of(jwt));
            return config;
        }
    }

    record Eks(String clusterName) implements ApiServer {
        /** What a stack adds to use this target: Citadel declares the AWS SDK optional. Kept equal to the pom's. */
        static final String SDK_ARTIFACT = "com.pulumi:aws:6.83.0";
        static final String SDK_CLASS = "com.pulumi.aws.eks.IdentityProviderConfig";

        public Eks {
            // Here rather than at emit: without the SDK, emit would fail inside the Pulumi run with a bare
            // NoClassDefFoundError; by name, so that this check itself never needs the SDK.
            try {
                Class.forName(SDK_CLASS, false, Eks.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("apiServer: ApiServer.eks(\"" + clusterName + "\") needs the Pulumi AWS SDK "
                        + "on the classpath: add " + SDK_ARTIFACT + " to your pom (Citadel declares it optional, so that "
                        + "stacks without an EKS target do not download it)", e);
            }
        }

        @Override
        public ApiServerConfig emit(String name, Output<OidcContract> c, CustomResourceOptions child) {
            return new ApiServerConfig.EksIdentityProvider(EksTarget.identityProviderConfig(name, clusterName, c, child));
        }

        @Override
        public String kind() {
            return "eks";
        }
    }
}
