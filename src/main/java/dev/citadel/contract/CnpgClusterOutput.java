package dev.citadel.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the plan says about one CnpgCluster and {@code citadel verify --postgres} reads back (the stack output
 * {@value #STACK_OUTPUT}): where the primary answers, how clients connect, which role owns which database, and
 * whether and under which server name it archives WAL. One shape, written and read here, so verify never guesses.
 *
 * @param host       the primary's {@code -rw} service (the Pooler is for apps; verify reads pg_stat_archiver of the primary)
 * @param sslmode    {@code verify-full}: CNPG serves TLS with the operator's own CA ({@code <cluster>-ca}) on every cluster,
 *                   and its {@code -rw} Service is on the certificate; verify checks it against {@code --ca-file}
 * @param databases  database name to owner role
 */
public record CnpgClusterOutput(String name, String namespace, String host, int port, String sslmode, boolean archives,
                                String serverName, Map<String, String> databases) {
    public static final String STACK_OUTPUT = "cnpgClusters";
    public static final int PORT = 5432;
    public static final String SSLMODE = "verify-full";

    public CnpgClusterOutput {
        // Sorted, so verify checks (and prints) the databases of a cluster in the same order every run.
        databases = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(databases));
    }

    public Map<String, Object> toOutput() {
        var m = new LinkedHashMap<String, Object>();
        m.put("namespace", namespace);
        m.put("host", host);
        m.put("port", port);
        m.put("sslmode", sslmode);
        m.put("archives", archives);
        m.put("serverName", serverName);
        m.put("databases", new TreeMap<>(databases));
        return m;
    }

    /** The clusters of a stack's outputs, by name; none when the stack declares no {@code citadel:databases}. */
    public static List<CnpgClusterOutput> fromStackOutputs(Map<String, ?> outputs) {
        var clusters = new ArrayList<CnpgClusterOutput>();
        if (!(outputs.get(STACK_OUTPUT) instanceof Map<?, ?> all)) {
            return clusters;
        }
        for (var e : new TreeMap<>(all).entrySet()) {
            var name = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof Map<?, ?> c) || !(c.get("databases") instanceof Map<?, ?> dbs)
                    || !(c.get("port") instanceof Number port)) {
                throw new IllegalArgumentException("stack output " + STACK_OUTPUT + "." + name + " is not what this citadel writes "
                        + "(no databases map or port); plan the stack with this citadel version");
            }
            var databases = new TreeMap<String, String>();
            dbs.forEach((db, owner) -> databases.put(String.valueOf(db), String.valueOf(owner)));
            clusters.add(new CnpgClusterOutput(name, String.valueOf(c.get("namespace")), String.valueOf(c.get("host")),
                    port.intValue(), String.valueOf(c.get("sslmode")), Boolean.TRUE.equals(c.get("archives")),
                    String.valueOf(c.get("serverName")), databases));
        }
        return clusters;
    }
}
