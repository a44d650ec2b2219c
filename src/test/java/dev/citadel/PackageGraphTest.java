package dev.citadel;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering of the main sources, read from the sources themselves (imports and fully qualified
 * names in code; comments and string literals do not count): the packages form no cycle, so each can be
 * understood, tested and moved without the others it does not name; and only {@code runtime/} touches
 * the SDK's {@code com.pulumi.*.internal} packages, which change without notice between SDK releases.
 */
class PackageGraphTest {
    static final Path MAIN = Path.of("src", "main", "java");
    static final String ROOT = "dev.citadel.";
    static final String SDK_INTERNALS_ALLOWED_IN = "runtime";

    private static final Pattern PACKAGE = Pattern.compile("\\bpackage\\s+([\\w.]+)\\s*;");
    /** A package of ours followed by a type (capitalised) or a wildcard import. */
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.citadel\\.((?:[a-z_][a-z0-9_]*\\.)*[a-z_][a-z0-9_]*)\\s*\\.\\s*(?:[A-Z]|\\*)");
    private static final Pattern SDK_INTERNAL = Pattern.compile("\\bcom\\.pulumi\\.(?:[a-z0-9_]+\\.)*internal\\b");

    @Test
    void packagesFormNoCycle() {
        var graph = graph(sources());
        var cycle = findCycle(graph.edges());
        assertThat(cycle).as(() -> "package cycle " + describe(cycle.orElseThrow(), graph)).isEmpty();
    }

    @Test
    void onlyRuntimeTouchesSdkInternals() {
        var offenders = new TreeSet<String>();
        sources().forEach((file, code) -> {
            var pkg = packageOf(code);
            if (!pkg.equals(SDK_INTERNALS_ALLOWED_IN) && !pkg.startsWith(SDK_INTERNALS_ALLOWED_IN + ".")
                    && SDK_INTERNAL.matcher(code).find()) {
                offenders.add(MAIN.relativize(file).toString());
            }
        });
        assertThat(offenders).as("com.pulumi.*.internal used outside %s/", SDK_INTERNALS_ALLOWED_IN).isEmpty();
    }

    /** The scanner and the cycle finder themselves, on sources made up for the purpose. */
    @Test
    void theScannerSeesImportsAndQualifiedNamesButNotCommentsOrStrings() {
        var code = stripCommentsAndLiterals("""
                package dev.citadel.a;
                import dev.citadel.b.B;
                import static dev.citadel.c.C.helper;
                import dev.citadel.d.*;
                // import dev.citadel.e.E;
                /** {@link dev.citadel.f.F} */
                class A {
                    String s = "dev.citadel.g.G";
                    char c = '"';
                    String t = \"""
                        dev.citadel.h.H
                        \""";
                    Object o = new dev.citadel.i.sub.I();
                }
                """);
        assertThat(packageOf(code)).isEqualTo("a");
        assertThat(references(code)).containsExactlyInAnyOrder("b", "c", "d", "i.sub");
    }

    @Test
    void theCycleFinderReportsACycleAndAcceptsADag() {
        var dag = Map.<String, Set<String>>of("cli", Set.of("plan", "runtime"), "plan", Set.of("runtime"), "runtime", Set.of());
        assertThat(findCycle(dag)).isEmpty();
        var cyclic = Map.<String, Set<String>>of("cli", Set.of("plan"), "plan", Set.of("policy"), "policy", Set.of("plan"));
        assertThat(findCycle(cyclic)).contains(List.of("plan", "policy", "plan"));
    }

    record Graph(Map<String, Set<String>> edges, Map<String, Set<String>> filesByEdge) {
    }

    static Map<Path, String> sources() {
        try (Stream<Path> files = Files.walk(MAIN)) {
            var sources = new TreeMap<Path, String>();
            for (var file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.put(file, stripCommentsAndLiterals(Files.readString(file)));
            }
            assertThat(sources).as("sources under %s (run from the project directory)", MAIN.toAbsolutePath()).isNotEmpty();
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Graph graph(Map<Path, String> sources) {
        var edges = new TreeMap<String, Set<String>>();
        var filesByEdge = new TreeMap<String, Set<String>>();
        sources.forEach((file, code) -> {
            var from = packageOf(code);
            edges.computeIfAbsent(from, k -> new TreeSet<>());
            for (var to : references(code)) {
                if (!to.equals(from)) {
                    edges.get(from).add(to);
                    filesByEdge.computeIfAbsent(from + " -> " + to, k -> new TreeSet<>()).add(file.getFileName().toString());
                }
            }
        });
        return new Graph(edges, filesByEdge);
    }

    /** The package relative to {@code dev.citadel} ({@code policy.rules}). */
    static String packageOf(String code) {
        var m = PACKAGE.matcher(code);
        assertThat(m.find()).as("a package declaration").isTrue();
        var pkg = m.group(1);
        assertThat(pkg).startsWith(ROOT);
        return pkg.substring(ROOT.length());
    }

    static Set<String> references(String code) {
        var m = REFERENCE.matcher(code);
        var out = new TreeSet<String>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** A cycle as its path, first package repeated at the end; depth-first, in name order so it is stable. */
    static Optional<List<String>> findCycle(Map<String, Set<String>> edges) {
        var done = new TreeSet<String>();
        for (var start : new TreeSet<>(edges.keySet())) {
            var cycle = visit(start, edges, new ArrayList<>(), done);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> visit(String node, Map<String, Set<String>> edges, List<String> path, Set<String> done) {
        var onPath = path.indexOf(node);
        if (onPath >= 0) {
            var cycle = new ArrayList<>(path.subList(onPath, path.size()));
            cycle.add(node);
            return Optional.of(cycle);
        }
        if (done.contains(node)) {
            return Optional.empty();
        }
        path.add(node);
        for (var next : new TreeSet<>(edges.getOrDefault(node, Set.of()))) {
            var cycle = visit(next, edges, path, done);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        done.add(node);
        return Optional.empty();
    }

    private static String describe(List<String> cycle, Graph graph) {
        var lines = new ArrayList<String>();
        lines.add(String.join(" -> ", cycle));
        for (int i = 0; i + 1 < cycle.size(); i++) {
            var edge = cycle.get(i) + " -> " + cycle.get(i + 1);
            lines.add("  " + edge + ": " + graph.filesByEdge().getOrDefault(edge, Collections.emptySet()));
        }
        return lines.stream().collect(Collectors.joining("\n"));
    }

    /**
     * The code with comments, string and character literals and text blocks blanked out (newlines kept),
     * so a name mentioned in a Javadoc or a message is not taken for a dependency.
     */
    static String stripCommentsAndLiterals(String source) {
        var out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(source, i, end, out);
                i = end;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = i + 3;
                while (end < n && !source.startsWith("\"\"\"", end)) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 3);
                blank(source, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < n && source.charAt(end) != c && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
                blank(source, i, end, out);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String source, int from, int to, StringBuilder out) {
        for (int j = from; j < to; j++) {
            out.append(source.charAt(j) == '\n' ? '\n' : ' ');
        }
    }
}
