package dev.citadel.database;

import com.pulumi.core.annotations.Import;
import dev.citadel.config.Doc;
import dev.citadel.config.Inputs;

/** A CA bundle in the cluster: the ConfigMap or Secret holding it, and its key. */
@Doc("A CA bundle in the consumer's namespace: configMap or secret, and its key.")
public final class CaBundleInputs extends Inputs {
    @Import(name = "configMap") @Doc("The ConfigMap holding it.")
    private String configMap;
    @Import(name = "secret") @Doc("Or the Secret holding it.")
    private String secret;
    @Import(name = "key", required = true) @Doc("Its key, e.g. global-bundle.pem or ca.crt.")
    private String key;

    public CaBundle bundle() {
        if ((configMap != null) == (secret != null)) {
            throw mistake(": give one of configMap or secret (the object holding the CA bundle in the consumer's namespace) "
                    + "and its key, e.g. {configMap: rds-ca, key: global-bundle.pem}");
        }
        return build(() -> configMap != null ? CaBundle.configMap(configMap, key) : CaBundle.secret(secret, key));
    }
}
