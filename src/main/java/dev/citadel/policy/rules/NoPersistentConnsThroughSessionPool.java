package dev.citadel.policy.rules;

import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.Findings;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyArgs;
import dev.citadel.policy.PolicyInfo;
import dev.citadel.policy.PolicyResource;
import dev.citadel.value.Prop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static dev.citadel.policy.rules.PropReads.opaque;

/**
 * Seed 001: {@code AUTHENTIK_POSTGRESQL__CONN_MAX_AGE} made authentik keep its database connections open;
 * through a session-mode PgBouncer each one pins a server connection 1:1, the pool saturated and
 * queries waited 58 s per second. Persistent connections ({@code CONN_MAX_AGE} non-zero, Django's and
 * authentik's setting) must not go through a pooler in session mode.
 *
 * <p>Where the settings are: container env, the authentik chart's values ({@code authentik.postgresql.*}
 * unless {@code existingSecret} makes them inert, and {@code global/server/worker.env}), ConfigMap data and
 * Secret stringData. Whether the host is a session pool: a CNPG {@code Pooler} in the stack with that
 * service name ({@code spec.pgbouncer.poolMode}, session by default); otherwise a host name containing
 * {@code pgbouncer} or {@code pooler}, PgBouncer's default {@code pool_mode} being session.
 */
public final class NoPersistentConnsThroughSessionPool implements Policy.StackPolicy {
    static final PolicyInfo INFO = new PolicyInfo(
            "no-persistent-conns-through-session-pool",
            "Persistent database connections (CONN_MAX_AGE) must not go through a session-mode PgBouncer/Pooler",
            EnforcementLevel.MANDATORY,
            "Remove CONN_MAX_AGE (or set it to 0) for apps behind a session-mode pooler, as seed 001's fix removed "
                    + "AUTHENTIK_POSTGRESQL__CONN_MAX_AGE; or switch the pooler to transaction mode if the app supports it",
            "001");

    /** Settings read from one place: a container's env, a chart component's env, a ConfigMap. */
    /** @param chartUnknown read as authentik values from a release whose chart is not known before deployment */
    private record Site(String where, Map<String, Prop> settings, boolean chartUnknown) {
        Site(String where, Map<String, Prop> settings) {
            this(where, settings, false);
        }
    }

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public void check(List<PolicyResource> resources, PolicyArgs args, Findings findings) {
        var poolers = resources.stream().filter(p -> p.isKind("postgresql.cnpg.io", "Pooler")).toList();
        for (var r : resources) {
            for (var site : sites(r)) {
                check(r, site, poolers, findings);
            }
        }
    }

    private static List<Site> sites(PolicyResource r) {
        var out = new ArrayList<Site>();
        var pod = PodSpecs.of(r);
        if (pod.isPresent()) {
            PodSpecs.containers(pod.get()).forEach(c -> out.add(new Site(c.describe(), env(c.spec().get("env")))));
        } else if (r.isKind("", "ConfigMap") || r.isKind("", "Secret")) {
            var data = r.get(r.kind().equals("Secret") ? "stringData" : "data");
            if (data instanceof Prop.Obj) {
                out.add(new Site(r.kind().equals("Secret") ? "stringData" : "data", ((Prop.Obj) data).fields()));
            }
        } else {
            // A chart not known before deployment may be authentik: its values then decide.
            HelmValues.of(r).filter(rel -> rel.isChart(AuthentikChart.CHART) || opaque(rel.chart()))
                    .ifPresent(rel -> authentikSites(rel.values()).forEach(site -> out.add(
                            new Site(site.where(), site.settings(), opaque(rel.chart())))));
        }
        return out;
    }

    private static List<Site> authentikSites(Prop values) {
        var base = new LinkedHashMap<String, Prop>();
        var existing = HelmValues.at(values, AuthentikChart.EXISTING_SECRET + ".secretName");
        if (existing.isNull() || existing.string().map(String::isBlank).orElse(false)) {
            HelmValues.leaves(values.get("authentik").get("postgresql"), "authentik.postgresql")
                    .forEach((path, v) -> base.put(AuthentikChart.envName(path), v));
        }
        var out = new ArrayList<Site>();
        for (var component : AuthentikChart.COMPONENTS) {
            var settings = new LinkedHashMap<>(base);
            settings.putAll(env(values.get("global").get("env")));
            settings.putAll(env(values.get(component).get("env")));
            out.add(new Site(component + " (authentik.postgresql.*, global.env, " + component + ".env)", settings));
        }
        return out;
    }

    private static void check(PolicyResource r, Site site, List<PolicyResource> poolers, Findings findings) {
        var conn = find(site.settings(), NoPersistentConnsThroughSessionPool::isConnMaxAge);
        if (conn.isEmpty() || notPersistent(conn.get().getValue())) {
            return;
        }
        var host = find(site.settings(), NoPersistentConnsThroughSessionPool::isHost);
        if (host.isEmpty()) {
            return;
        }
        var label = ResourceLabels.of(r) + ": " + site.where();
        var hostName = findings.decidingString(r, host.get().getValue(), host.get().getKey() + " of " + label);
        if (hostName == null) {
            return;
        }
        hostName = hostOf(hostName);
        var why = sessionPool(r, hostName, poolers, findings);
        if (why.isEmpty()) {
            return;
        }
        if (site.chartUnknown()) {
            findings.undecidable(r, "the chart of " + label + " (if it is authentik, " + conn.get().getKey()
                    + " makes persistent connections while the database host " + hostName + " " + why.get() + ")");
            return;
        }
        if (opaque(conn.get().getValue())) {
            findings.undecidable(r, conn.get().getKey() + " of " + label + " (the database host " + hostName + " " + why.get() + ")");
            return;
        }
        findings.violation(r, label + " sets " + conn.get().getKey() + "=" + PropReads.text(conn.get().getValue()).orElse("")
                + " (persistent connections) while " + host.get().getKey() + " " + hostName + " " + why.get()
                + ": each persistent connection pins a server connection and the pool saturates");
    }

    /**
     * Why the host is a session-mode pool, or empty when it is not one. Reports undecidable when a
     * matching Pooler's mode is not known.
     */
    private static Optional<String> sessionPool(PolicyResource r, String host, List<PolicyResource> poolers, Findings findings) {
        var labels = host.toLowerCase(Locale.ROOT).split("\\.");
        for (var p : poolers) {
            var ns = p.namespace().orElse("default");
            if (!labels[0].equals(p.objectName().toLowerCase(Locale.ROOT)) || (labels.length > 1 && !labels[1].equals(ns))) {
                continue;
            }
            var mode = p.get("spec").get("pgbouncer").get("poolMode");
            var pooler = "CNPG Pooler " + ns + "/" + p.objectName();
            if (mode.isNull()) {
                return Optional.of("is " + pooler + ", in session mode (spec.pgbouncer.poolMode is not set and defaults to session)");
            }
            var text = findings.decidingString(r, mode, "spec.pgbouncer.poolMode of " + pooler);
            return text != null && text.equalsIgnoreCase("session")
                    ? Optional.of("is " + pooler + ", in session mode (spec.pgbouncer.poolMode: session)") : Optional.empty();
        }
        for (var word : List.of("pgbouncer", "pooler")) {
            if (host.toLowerCase(Locale.ROOT).contains(word)) {
                return Optional.of("looks like a PgBouncer (the host name contains '" + word + "', no CNPG Pooler in the stack "
                        + "says otherwise, and PgBouncer's default pool_mode is session)");
            }
        }
        return Optional.empty();
    }

    /** Where an env entry whose name is not known before deployment goes: it may be the setting looked for. */
    private static final String UNKNOWN_NAME = "(a variable whose name is not known until deployment)";

    private static Map<String, Prop> env(Prop list) {
        var out = new LinkedHashMap<>(PodSpecs.env(list));
        for (var e : PropReads.items(list)) {
            if (opaque(e.get("name"))) {
                out.put(UNKNOWN_NAME, Prop.UNKNOWN);
            }
        }
        return out;
    }

    private static Optional<Map.Entry<String, Prop>> find(Map<String, Prop> settings, java.util.function.Predicate<String> name) {
        var found = settings.entrySet().stream().filter(e -> name.test(e.getKey().toUpperCase(Locale.ROOT))).findFirst();
        return found.isPresent() ? found : settings.entrySet().stream().filter(e -> e.getKey().equals(UNKNOWN_NAME)).findFirst();
    }

    private static boolean isConnMaxAge(String name) {
        return name.equals("CONN_MAX_AGE") || name.endsWith("_CONN_MAX_AGE");
    }

    private static boolean isHost(String name) {
        return name.endsWith("POSTGRESQL__HOST") || name.equals("PGHOST") || name.equals("DATABASE_URL")
                || name.matches("(.*_)?(DATABASE|DB|POSTGRES|PG)_HOST");
    }

    /** 0, empty or absent: a new connection per request. None/null means unlimited, so persistent. */
    private static boolean notPersistent(Prop value) {
        if (value.isNull() || opaque(value)) {
            return value.isNull();
        }
        var text = PropReads.text(value).orElse("").strip();
        return text.isEmpty() || text.matches("0+(\\.0+)?");
    }

    /** The host of a host setting or a URL ({@code postgres://user:pw@host:5432/db}). */
    private static String hostOf(String value) {
        var v = value.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        v = v.substring(v.lastIndexOf('@') + 1);
        return v.split("[:/?]", 2)[0];
    }
}
