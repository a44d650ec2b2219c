package dev.citadel.identity;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** The YAML of the files people apply by hand (Talos patch, kubeadm and API-server configs, kubeconfig user): block style. */
final class YamlText {
    private YamlText() {
    }

    static String of(Object document) {
        var options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(document);
    }
}
