package dev.citadel.stack;

import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import dev.citadel.names.KubernetesNames;
import dev.citadel.provider.KubernetesObject;
import dev.citadel.provider.Plugin;

import java.util.Locale;
import java.util.Map;

/**
 * What teams write by hand beside the components: plain manifests ({@code citadel:manifests}) and Helm
 * releases ({@code citadel:helmReleases}). They go through the same plan and the same policies, which
 * is where most seed failures lived (chart values, image tags, generator-fed ExternalSecrets).
 */
final class RawResources {
    private final ProviderResource kubernetes;

    RawResources(ProviderResource kubernetes) {
        this.kubernetes = kubernetes;
    }

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
            var name = KubernetesNames.subdomain(item.path() + ".metadata.name", String.valueOf(metadata.get("name")));
            var namespace = metadata.get("namespace");
            if (namespace != null) {
                KubernetesNames.label(item.path() + ".metadata.namespace", String.valueOf(namespace));
            }
            var resourceName = (namespace == null ? "" : namespace + "-") + String.valueOf(object.get("kind")).toLowerCase(Locale.ROOT) + "-" + name;
            new KubernetesObject(resourceName, args, options());
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
            new Release(name, release.build(), options());
        }
    }

    private CustomResourceOptions options() {
        return Plugin.KUBERNETES.pin(CustomResourceOptions.builder().provider(kubernetes).build());
    }
}
