package dev.citadel.readme;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which links of the docs lead nowhere. Offline: a relative link must name a file or folder of the repository, and its
 * {@code #anchor} a heading of that page (GitHub's anchor for it); a web link must at least be a well-formed http(s)
 * URL with a host. The repository's own files are never reached by an absolute path, which GitHub resolves elsewhere.
 */
final class DocLinks {
    private DocLinks() {
    }

    /** One line per broken link: {@code page:line: destination: why}. */
    static List<String> broken(Path root) {
        var anchors = new HashMap<Path, Set<String>>();
        var broken = new ArrayList<String>();
        for (var page : DocPages.pages(root)) {
            for (var link : DocPages.links(root, page)) {
                var why = check(root, link, anchors);
                if (why != null) {
                    broken.add(link.where() + ": " + link.destination() + ": " + why);
                }
            }
        }
        return broken;
    }

    private static String check(Path root, DocPages.Link link, Map<Path, Set<String>> anchors) {
        var destination = link.destination();
        if (destination.isEmpty()) {
            return "empty link";
        }
        if (destination.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return web(destination);
        }
        if (destination.startsWith("/")) {
            return "an absolute path: write it relative to " + link.page();
        }
        var hash = destination.indexOf('#');
        var path = hash < 0 ? destination : destination.substring(0, hash);
        var anchor = hash < 0 ? null : destination.substring(hash + 1);
        var parent = link.page().getParent();
        var target = path.isEmpty() ? link.page() : (parent == null ? Path.of(path) : parent.resolve(path)).normalize();
        if (target.startsWith("..")) {
            return "outside the repository";
        }
        if (!Files.exists(root.resolve(target))) {
            return "no file " + target;
        }
        if (anchor == null) {
            return null;
        }
        if (!target.toString().endsWith(".md")) {
            return "an anchor into " + target + ", which is not a Markdown page";
        }
        var headings = anchors.computeIfAbsent(target, t -> DocPages.anchors(root.resolve(t)));
        return headings.contains(anchor) ? null : "no heading with anchor #" + anchor + " in " + target;
    }

    private static String web(String destination) {
        try {
            var uri = new URI(destination);
            if (uri.getScheme().equals("mailto")) {
                return uri.getSchemeSpecificPart().contains("@") ? null : "not an e-mail address";
            }
            if (!uri.getScheme().equals("https") && !uri.getScheme().equals("http")) {
                return "scheme " + uri.getScheme() + " is not a web link";
            }
            return uri.getHost() == null || !uri.getHost().contains(".") ? "no host" : null;
        } catch (URISyntaxException e) {
            return "not a URL (" + e.getReason() + ")";
        }
    }
}
