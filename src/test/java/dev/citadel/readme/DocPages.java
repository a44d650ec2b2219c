package dev.citadel.readme;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Markdown a newcomer reads (README.md, docs/, policies/README.md), parsed as CommonMark so that a link or a
 * fence inside inline code is not taken for a real one. Lines are 1-based, as an editor shows them.
 */
final class DocPages {
    private static final Parser PARSER = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();

    private DocPages() {
    }

    /** A fenced {@code ```java} block: {@code line} is the fence's line in {@code page}. */
    record JavaBlock(Path page, int line, String code) {
        String where() {
            return page + ":" + line;
        }
    }

    /** A link or image destination as written. */
    record Link(Path page, int line, String destination) {
        String where() {
            return page + ":" + line;
        }
    }

    /** The pages under {@code root}: README.md, policies/README.md and every .md file under docs/. */
    static List<Path> pages(Path root) {
        var pages = new ArrayList<Path>();
        for (var top : List.of("README.md", "policies/README.md")) {
            if (Files.exists(root.resolve(top))) {
                pages.add(Path.of(top));
            }
        }
        var docs = root.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> files = Files.walk(docs)) {
                files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(f -> pages.add(root.relativize(f)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pages;
    }

    static Node parse(Path file) {
        try {
            return PARSER.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JavaBlock> javaBlocks(Path root, Path page) {
        var blocks = new ArrayList<JavaBlock>();
        parse(root.resolve(page)).accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock block) {
                if ("java".equals(block.getInfo().strip())) {
                    blocks.add(new JavaBlock(page, line(block), block.getLiteral()));
                }
            }
        });
        return blocks;
    }

    static List<Link> links(Path root, Path page) {
        var links = new ArrayList<Link>();
        parse(root.resolve(page)).accept(new AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.Link link) {
                links.add(new Link(page, line(link), link.getDestination()));
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                links.add(new Link(page, line(image), image.getDestination()));
            }
        });
        return links;
    }

    /**
     * The anchors GitHub gives the page's headings: the heading's text lower-cased, punctuation other than {@code -}
     * and {@code _} dropped, spaces as {@code -}; a repeated one gets {@code -1}, {@code -2}, ...
     */
    static Set<String> anchors(Path file) {
        var anchors = new LinkedHashSet<String>();
        var seen = new HashMap<String, Integer>();
        parse(file).accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                var slug = slug(text(heading));
                var n = seen.merge(slug, 1, Integer::sum);
                anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
            }
        });
        return anchors;
    }

    static String slug(String headingText) {
        return headingText.strip().toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}\\p{Mn} _-]", "")
                .replace(' ', '-');
    }

    private static String text(Node node) {
        var out = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                out.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                out.append(code.getLiteral());
            }
        });
        return out.toString();
    }

    private static int line(Node node) {
        var spans = node.getSourceSpans();
        return spans.isEmpty() ? 0 : spans.get(0).getLineIndex() + 1;
    }
}
