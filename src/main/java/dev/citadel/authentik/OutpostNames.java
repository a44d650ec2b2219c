package dev.citadel.authentik;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The names an authentik outpost ends up with in Kubernetes and in Prometheus, derived the way upstream derives
 * them, so an alert selects the series that really exist. Seed 001: an alert matching
 * {@code authentik-authentik-outpost-...} "never could have fired"; the label is {@code authentik-ak-outpost-...}.
 */
public final class OutpostNames {
    /** authentik's default {@code object_naming_template}: the Deployment, Service and Secret of an outpost. */
    public static final String OBJECT_NAMING_TEMPLATE = "ak-outpost-%(name)s";
    private static final String OBJECT_PREFIX = "ak-outpost-";

    private OutpostNames() {
    }

    /**
     * The outpost's Service name: the naming template applied to Django's {@code slugify(outpost.name)}, lowercased
     * ({@code authentik Embedded Outpost} → {@code ak-outpost-authentik-embedded-outpost}).
     */
    public static String serviceName(String outpostName) {
        var slug = slugify(outpostName);
        if (slug.isEmpty()) {
            throw new IllegalArgumentException("outpost name '" + dev.citadel.value.Shown.cut(outpostName) + "' has no letters or digits; authentik names the "
                    + "outpost's Service after them (ak-outpost-<name>), so give it a name such as 'authentik Embedded Outpost'");
        }
        return (OBJECT_PREFIX + slug).toLowerCase(Locale.ROOT);
    }

    /**
     * The {@code service} label Traefik gives the outpost Service's traffic: {@code <namespace>-<service>-<port>@<provider>}
     * for an Ingress or IngressRoute backend (Traefik's kubernetes providers), as a PromQL regex over any port and provider.
     */
    public static String traefikServiceRegex(String namespace, String outpostName) {
        return namespace + "-" + serviceName(outpostName) + "-.+";
    }

    /** Django's {@code slugify} without unicode: ASCII-folded, lowercased, word characters, spaces and '-' kept, runs of either to one '-'. */
    static String slugify(String value) {
        if (value == null) {
            return "";
        }
        var ascii = Normalizer.normalize(value, Normalizer.Form.NFKD).replaceAll("[^\\p{ASCII}]", "");
        var kept = ascii.toLowerCase(Locale.ROOT).replaceAll("[^\\w\\s-]", "");
        return kept.replaceAll("[-\\s]+", "-").replaceAll("^[-_]+|[-_]+$", "");
    }
}
