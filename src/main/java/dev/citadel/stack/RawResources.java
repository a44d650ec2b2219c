package dev.citadel.stack;

import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import dev.citadel.config.ConfigException;
import dev.citadel.names.KubernetesNames;
import dev.citadel.provider.KubernetesObject;
import dev.citadel.provider.Plugin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What teams write by hand beside the components: plain manifests ({@code citadel:manifests}) and Helm
 * releases ({@code citadel:helmReleases}). They go through the same plan and the same policies, which
 * is where most seed failures lived (chart values, image tags, generator-fed ExternalSecrets).
 * Everything is read and checked when the settings are read; resources are created only by
 * {@link #define}, so a mistake in the last manifest stops the program before the first one registers.
 */
final class RawResources {
    private final List<Consumer<ProviderResource>> resources = new ArrayList<>();
    /** Resource name (type-qualified) to the setting that claimed it: two would be one URN, which pulumi up rejects. */
    private final Map<String, String> claimed = new HashMap<>();

    @SuppressWarnings("unchecked")
    void manifests(ConfigNode list) {
        for (var item : list.items()) {
            var plain = item.plain();
            if (!(plain instanceof Map)) {
                throw new ConfigException(item.path() + " should be a Kubernetes object (apiVersion, kind, metadata, ...)");
            }
            var object = (Map<String, Object>) plain;
            KubernetesObject.Args args;
            try {
                args = KubernetesObject.Args.fromManifest(item.path(), object);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
            var metadata = (Map<String, Object>) object.get("metadata");
            var rawName = metadata.get("name");
            if (!(rawName instanceof String)) {
                // Without it the object planned as '<kind>-null'.
                throw new ConfigException(item.path() + ".metadata.name is " + (rawName == null ? "missing" : "not a single name")
                        + "; give the object a name, e.g. 'name: app-config'");
            }
            var name = KubernetesNames.subdomain(item.path() + ".metadata.name", (String) rawName);
            var namespace = metadata.get("namespace");
            if (namespace != null) {
                if (!(namespace instanceof String)) {
                    throw new ConfigException(item.path() + ".metadata.namespace should be a single name, e.g. 'app'");
                }
                KubernetesNames.label(item.path() + ".metadata.namespace", (String) namespace);
            }
            var resourceName = (namespace == null ? "" : namespace + "-") + String.valueOf(object.get("kind")).toLowerCase(Locale.ROOT) + "-" + name;
            claim(KubernetesObject.typeToken(String.valueOf(object.get("apiVersion")), String.valueOf(object.get("kind"))) + "::" + resourceName,
                    item.path(), "the same kind, namespace and metadata.name");
            resources.add(kubernetes -> new KubernetesObject(resourceName, args, options(kubernetes)));
        }
    }

    @SuppressWarnings("unchecked")
    void helmReleases(ConfigNode list) {
        for (var item : list.items()) {
            var name = KubernetesNames.label(item.path() + ".name", item.string("name"));
            var namespace = KubernetesNames.label(item.path() + ".namespace", item.string("namespace"));
            var release = ReleaseArgs.builder()
                    .name(name)
                    .namespace(namespace)
                    .chart(item.string("chart"))
                    .version(item.string("version"));
            item.optString("repo").ifPresent(repo -> release.repositoryOpts(RepositoryOptsArgs.builder().repo(repo).build()));
            var values = item.get("values").plain();
            if (values != null) {
                if (!(values instanceof Map)) {
                    throw new ConfigException(item.path() + ".values should be a map of chart values");
                }
                release.values((Map<String, Object>) values);
            }
            item.rejectUnknownKeys();
            claim("helm::" + name, item.path() + ".name", "the same name (the Pulumi resource is named after the release)");
            var args = release.build();
            resources.add(kubernetes -> new Release(name, args, options(kubernetes)));
        }
    }

    /** Registers what was read, in file order. */
    void define(ProviderResource kubernetes) {
        resources.forEach(r -> r.accept(kubernetes));
    }

    private void claim(String key, String path, String why) {
        var first = claimed.putIfAbsent(key, path);
        if (first != null) {
            throw new ConfigException(path + " duplicates " + first + ": " + why
                    + " would be one resource twice, which pulumi up rejects; rename one or remove it");
        }
    }

    private static CustomResourceOptions options(ProviderResource kubernetes) {
        return Plugin.KUBERNETES.pin(CustomResourceOptions.builder().provider(kubernetes).build());
    }
}
