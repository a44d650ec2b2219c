package dev.citadel.readme;

import com.pulumi.Context;
import dev.citadel.readme.DocPages.JavaBlock;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Compiles the docs' Java examples exactly as written: a block is its {@code import} lines, then the statements of a
 * program's {@code main}. Nothing is added but the class around them, so a missing import, a variable the block never
 * declares (a provider "from somewhere") or a changed API is a compile error naming the page and line.
 *
 * <p>Each block is compiled twice in one class: as written, inside {@code main}, and inside {@code Programs.get()},
 * where a field named {@code Pulumi} (a {@link ProgramSink}) obscures the SDK's class, so {@code Pulumi.run(ctx -> ...)}
 * hands the program to the test to plan offline instead of looking for an engine.
 */
final class DocSnippets {
    static final String PACKAGE = "dev.citadel.readme.snippets";

    private final List<JavaBlock> blocks;
    private final List<String> errors;
    private final ClassLoader loader;

    private DocSnippets(List<JavaBlock> blocks, List<String> errors, ClassLoader loader) {
        this.blocks = blocks;
        this.errors = errors;
        this.loader = loader;
    }

    /** Each error as {@code page:line: message}, empty when every block compiled. */
    List<String> errors() {
        return errors;
    }

    /** The programs a block passes to {@code Pulumi.run}, in order, for PlanRunner. */
    @SuppressWarnings("unchecked")
    List<Consumer<Context>> programs(JavaBlock block) {
        var index = blocks.indexOf(block);
        try {
            var programs = loader.loadClass(PACKAGE + ".Snippet" + index + "$Programs").getDeclaredConstructor().newInstance();
            return ((Supplier<List<Consumer<Context>>>) programs).get();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(block.where() + " did not compile", e);
        }
    }

    static DocSnippets compile(List<JavaBlock> blocks, Path outDir) {
        var units = new ArrayList<Unit>();
        for (var i = 0; i < blocks.size(); i++) {
            units.add(Unit.of(blocks.get(i), "Snippet" + i));
        }
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        var options = List.of("-classpath", System.getProperty("java.class.path"), "-d", outDir.toString(),
                "-proc:none", "-implicit:none", "-encoding", "UTF-8");
        var ok = ToolProvider.getSystemJavaCompiler().getTask(null, null, diagnostics, options, null, units).call();
        var errors = new ArrayList<String>();
        for (var d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(((Unit) d.getSource()).where(d) + ": " + d.getMessage(Locale.ROOT).lines().findFirst().orElse(""));
            }
        }
        if (!ok && errors.isEmpty()) {
            errors.add("javac failed without an error message");
        }
        try {
            var loader = new URLClassLoader(new java.net.URL[]{outDir.toUri().toURL()}, DocSnippets.class.getClassLoader());
            return new DocSnippets(List.copyOf(blocks), errors.stream().distinct().toList(), loader);
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One block as a compilation unit; {@code origin} maps each line of the unit to the block's line (or -1). */
    private static final class Unit extends SimpleJavaFileObject {
        private final JavaBlock block;
        private final String source;
        private final List<Integer> origin;

        private Unit(JavaBlock block, String className, String source, List<Integer> origin) {
            super(URI.create("string:///" + PACKAGE.replace('.', '/') + "/" + className + ".java"), Kind.SOURCE);
            this.block = block;
            this.source = source;
            this.origin = origin;
        }

        static Unit of(JavaBlock block, String className) {
            var lines = block.code().lines().toList();
            var bodyStart = 0;
            while (bodyStart < lines.size() && (lines.get(bodyStart).isBlank() || lines.get(bodyStart).startsWith("import "))) {
                bodyStart++;
            }
            var out = new ArrayList<String>();
            var origin = new ArrayList<Integer>();
            var programs = "java.util.List<java.util.function.Consumer<com.pulumi.Context>>";
            String prefix = "package " + PACKAGE + "; ";
            for (var i = 0; i < bodyStart; i++) {
                out.add(prefix + lines.get(i));
                origin.add(i);
                prefix = "";
            }
            prefix += "public final class " + className + " { public static void main(String[] args) { ";
            for (var i = bodyStart; i < lines.size(); i++) {
                out.add(prefix + lines.get(i));
                origin.add(i);
                prefix = "";
            }
            out.add(prefix + "}");
            origin.add(-1);
            out.add("public static final class Programs implements java.util.function.Supplier<" + programs + "> { "
                    + "private final " + programs + " programs = new java.util.ArrayList<>(); "
                    + "private final " + ProgramSink.class.getName() + " Pulumi = programs::add; "
                    + "public " + programs + " get() {");
            origin.add(-1);
            for (var i = bodyStart; i < lines.size(); i++) {
                out.add(lines.get(i));
                origin.add(i);
            }
            out.add("return programs; } } }");
            origin.add(-1);
            return new Unit(block, className, String.join("\n", out) + "\n", origin);
        }

        String where(Diagnostic<?> d) {
            var unitLine = (int) d.getLineNumber() - 1;
            var line = unitLine >= 0 && unitLine < origin.size() ? origin.get(unitLine) : -1;
            return block.page() + ":" + (line < 0 ? block.line() : block.line() + 1 + line);
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) throws IOException {
            return source;
        }
    }
}
