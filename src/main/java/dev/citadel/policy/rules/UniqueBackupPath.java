package dev.citadel.policy.rules;

import dev.citadel.contract.BarmanCloud;
import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.Findings;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyArgs;
import dev.citadel.policy.PolicyInfo;
import dev.citadel.policy.PolicyResource;
import dev.citadel.policy.rules.PropReads.Match;
import dev.citadel.value.Prop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static dev.citadel.policy.rules.PropReads.compare;
import static dev.citadel.policy.rules.PropReads.items;
import static dev.citadel.policy.rules.PropReads.namespace;
import static dev.citadel.policy.rules.PropReads.opaque;
import static dev.citadel.policy.rules.PropReads.show;

/**
 * Seed 000: all four CNPG clusters stopped archiving with "Expected empty archive": barman refuses to
 * archive into a destination path + server name that already holds WAL files, and each had been
 * recreated onto the archive of its previous incarnation. Two clusters (or a cluster and the archive it
 * recovers from) must never share a destination; the server name defaults to the cluster's name.
 */
public final class UniqueBackupPath implements Policy.StackPolicy {
    static final PolicyInfo INFO = new PolicyInfo(
            "unique-backup-path",
            "No two CNPG clusters (or incarnations) may archive to the same destination path and server name",
            EnforcementLevel.MANDATORY,
            "Give each cluster, and each incarnation of it, its own server name (barman-cloud plugin parameter "
                    + "serverName, or spec.backup.barmanObjectStore.serverName) or its own destinationPath; "
                    + "a cluster recovering from an archive must archive under a new server name. Citadel's "
                    + "CnpgCluster names the server per incarnation",
            "000");

    /** Where a cluster writes (or, for a recovery source, reads) WAL: a path (or a store) and a server name. */
    private record Dest(PolicyResource cluster, Prop where, Prop server, String how) {
        String describe() {
            return show(where) + " server name " + show(server) + " (" + how + ")";
        }
    }

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public void check(List<PolicyResource> resources, PolicyArgs args, Findings findings) {
        var storePaths = new HashMap<String, Prop>();
        for (var r : resources) {
            if (r.isKind("barmancloud.cnpg.io", "ObjectStore")) {
                storePaths.put(show(namespace(r)) + "/" + r.objectName(), path(r.get("spec").get("configuration").get("destinationPath")));
            }
        }
        var archives = new ArrayList<Dest>();
        for (var r : resources) {
            if (r.isKind("postgresql.cnpg.io", "Cluster")) {
                var mine = archives(r, storePaths);
                archives.addAll(mine);
                checkRecovery(r, mine, storePaths, findings);
            }
        }
        Map<PolicyResource, TreeSet<String>> undecided = new LinkedHashMap<>();
        for (int i = 0; i < archives.size(); i++) {
            for (int j = i + 1; j < archives.size(); j++) {
                var a = archives.get(i);
                var b = archives.get(j);
                if (a.cluster() == b.cluster()) {
                    continue;
                }
                var match = same(a, b);
                if (match == Match.SAME) {
                    report(a, b, findings);
                    report(b, a, findings);
                } else if (match == Match.MAYBE) {
                    undecided.computeIfAbsent(a.cluster(), k -> new TreeSet<>()).add(b.cluster().objectName());
                    undecided.computeIfAbsent(b.cluster(), k -> new TreeSet<>()).add(a.cluster().objectName());
                }
            }
        }
        undecided.forEach((cluster, others) -> findings.undecidable(cluster, "Whether Cluster " + cluster.objectName()
                + " archives to the same destination and server name as " + String.join(", ", others)));
    }

    private static void report(Dest mine, Dest other, Findings findings) {
        findings.violation(mine.cluster(), "Cluster " + mine.cluster().objectName() + " (namespace "
                + show(namespace(mine.cluster())) + ") archives to " + mine.describe() + ", the same as Cluster "
                + other.cluster().objectName() + " (namespace " + show(namespace(other.cluster()))
                + "): the second to archive finds WAL files it did not write and fails with \"Expected empty archive\"; "
                + "give each its own serverName");
    }

    /** Seed 000's incarnation case: a cluster rebuilt from an archive must not keep archiving into it. */
    private static void checkRecovery(PolicyResource r, List<Dest> mine, Map<String, Prop> storePaths, Findings findings) {
        var source = r.get("spec").get("bootstrap").get("recovery").get("source");
        if (source.isNull() || mine.isEmpty()) {
            return;
        }
        for (var external : items(r.get("spec").get("externalClusters"))) {
            if (compare(external.get("name"), source) == Match.DIFFERENT) {
                continue;
            }
            var from = new ArrayList<Dest>();
            var plugin = external.get("plugin").get("parameters");
            if (!plugin.get(BarmanCloud.OBJECT_NAME_PARAMETER).isNull()) {
                from.add(new Dest(r, storeWhere(r, plugin.get(BarmanCloud.OBJECT_NAME_PARAMETER), storePaths),
                        orElse(plugin.get(BarmanCloud.SERVER_NAME_PARAMETER), external.get("name")), "recovery source " + show(external.get("name"))));
            }
            var legacy = external.get("barmanObjectStore");
            if (!legacy.isNull()) {
                from.add(new Dest(r, path(legacy.get("destinationPath")), orElse(legacy.get("serverName"), external.get("name")),
                        "recovery source " + show(external.get("name"))));
            }
            for (var f : from) {
                for (var m : mine) {
                    var match = same(f, m);
                    if (match == Match.SAME) {
                        findings.violation(r, "Cluster " + r.objectName() + " recovers from " + f.describe()
                                + " and archives to the same place: the new incarnation finds the old one's WAL files "
                                + "and fails with \"Expected empty archive\"; archive under a new serverName (e.g. "
                                + show(m.server()) + "-2)");
                    } else if (match == Match.MAYBE) {
                        findings.undecidable(r, "Whether Cluster " + r.objectName() + " archives into the archive it recovers from");
                    }
                }
            }
        }
    }

    /** Where the cluster archives: through barman-cloud plugin ObjectStores and/or the legacy in-tree store. */
    private static List<Dest> archives(PolicyResource r, Map<String, Prop> storePaths) {
        var out = new ArrayList<Dest>();
        var name = r.metadata().get("name");
        for (var plugin : items(r.get("spec").get("plugins"))) {
            var params = plugin.get("parameters");
            if (params.get(BarmanCloud.OBJECT_NAME_PARAMETER).isNull() || plugin.get("enabled").equals(new Prop.Bool(false))) {
                continue;
            }
            var server = orElse(params.get(BarmanCloud.SERVER_NAME_PARAMETER), name);
            // An auto-named cluster gets a fresh name, hence a fresh server name, every incarnation.
            if (!server.isNull()) {
                out.add(new Dest(r, storeWhere(r, params.get(BarmanCloud.OBJECT_NAME_PARAMETER), storePaths), server,
                        "ObjectStore " + show(params.get(BarmanCloud.OBJECT_NAME_PARAMETER))));
            }
        }
        var legacy = r.get("spec").get("backup").get("barmanObjectStore");
        if (!legacy.isNull()) {
            var server = orElse(legacy.get("serverName"), name);
            if (!server.isNull()) {
                out.add(new Dest(r, path(legacy.get("destinationPath")), server, "spec.backup.barmanObjectStore"));
            }
        }
        return out;
    }

    /** The destination path of an ObjectStore in the stack, or the store itself when it is not in the stack. */
    private static Prop storeWhere(PolicyResource cluster, Prop storeName, Map<String, Prop> storePaths) {
        var ns = namespace(cluster);
        if (opaque(ns) || opaque(storeName)) {
            return Prop.UNKNOWN;
        }
        var key = show(ns) + "/" + show(storeName);
        return storePaths.getOrDefault(key, new Prop.Str("ObjectStore " + key));
    }

    private static Match same(Dest a, Dest b) {
        return Match.all(compare(a.where(), b.where()), compare(a.server(), b.server()));
    }

    /** s3://bucket/ and s3://bucket are one destination. */
    private static Prop path(Prop destinationPath) {
        return destinationPath.string().map(p -> (Prop) new Prop.Str(p.replaceAll("/+$", ""))).orElse(destinationPath);
    }

    private static Prop orElse(Prop value, Prop fallback) {
        return value.isNull() ? fallback : value;
    }
}
