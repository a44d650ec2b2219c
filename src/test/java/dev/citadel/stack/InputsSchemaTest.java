package dev.citadel.stack;

import com.pulumi.provider.internal.infer.ComponentAnalyzer;
import com.pulumi.provider.internal.schema.PackageSpec;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.citadel.authentik.AuthentikInputs;
import dev.citadel.config.Inputs;
import dev.citadel.config.Settings;
import dev.citadel.database.CnpgClusterInputs;
import dev.citadel.database.RdsInputs;
import dev.citadel.identity.IdentityInputs;
import dev.citadel.secrets.VaultBackedSecretInputs;
import dev.citadel.secrets.VaultInputs;
import org.junit.jupiter.api.Test;

import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The input classes the stack program binds are also what the SDK's component analyzer reads to describe a component
 * to other languages: every section's class yields a package schema whose properties and required lists are exactly
 * its settings. (Components taking these classes are the component-package issue's; these stand-ins only carry them.)
 */
class InputsSchemaTest {
    static final class Cluster extends ComponentResource {
        public Cluster(String name, CnpgClusterInputs args, ComponentResourceOptions options) { super("citadel:index:Cluster", name, options); }
    }

    static final class Secret extends ComponentResource {
        public Secret(String name, VaultBackedSecretInputs args, ComponentResourceOptions options) { super("citadel:index:Secret", name, options); }
    }

    static final class Vault extends ComponentResource {
        public Vault(String name, VaultInputs args, ComponentResourceOptions options) { super("citadel:index:Vault", name, options); }
    }

    static final class Identity extends ComponentResource {
        public Identity(String name, IdentityInputs args, ComponentResourceOptions options) { super("citadel:index:Identity", name, options); }
    }

    static final class Authentik extends ComponentResource {
        public Authentik(String name, AuthentikInputs args, ComponentResourceOptions options) { super("citadel:index:Authentik", name, options); }
    }

    static final class Rds extends ComponentResource {
        public Rds(String name, RdsInputs args, ComponentResourceOptions options) { super("citadel:index:Rds", name, options); }
    }

    private static final PackageSpec SCHEMA = ComponentAnalyzer.generateSchema(
            Cluster.class, Secret.class, Vault.class, Identity.class, Authentik.class, Rds.class);

    @Test
    void eachComponentsInputsAreItsSchemaProperties() {
        assertProperties("Cluster", CnpgClusterInputs.class);
        assertProperties("Secret", VaultBackedSecretInputs.class);
        assertProperties("Vault", VaultInputs.class);
        assertProperties("Identity", IdentityInputs.class);
        assertProperties("Authentik", AuthentikInputs.class);
        assertProperties("Rds", RdsInputs.class);
    }

    @Test
    void nestedInputsBecomeSchemaTypesWithTheirOwnRequiredSettings() {
        var type = SCHEMA.getTypes().get("stack:index:CnpgBackup");
        assertThat(type).as("types: %s", SCHEMA.getTypes().keySet()).isNotNull();
        assertThat(type.getProperties().keySet()).containsExactlyInAnyOrder(keys(CnpgClusterInputs.CnpgBackup.class));
        assertThat(type.getRequired()).containsExactlyInAnyOrder("bucket", "credentials");
    }

    private static void assertProperties(String component, Class<? extends Inputs> inputs) {
        var resource = SCHEMA.getResources().get("stack:index:" + component);
        assertThat(resource.getInputProperties().keySet()).containsExactlyInAnyOrder(keys(inputs));
        var required = new TreeSet<String>();
        Settings.of(inputs).stream().filter(Settings.Setting::required).forEach(s -> required.add(s.key()));
        assertThat(new TreeSet<>(resource.getRequiredInputs())).isEqualTo(required);
    }

    private static String[] keys(Class<?> inputs) {
        return Settings.of(inputs).stream().map(Settings.Setting::key).toArray(String[]::new);
    }
}
