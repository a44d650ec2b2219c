package dev.citadel.verify;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * HTTP to the IdP, the one place verify opens connections: https only (the password, codes and tokens never go
 * in the clear), a timeout on connect and on every request (a hung IdP is a FAIL line, not a hung CI job),
 * redirects never followed (the code is read from the redirect to kubelogin's listener, which is not fetched;
 * every other hop is followed by hand, same-origin only).
 */
final class IdpHttp {
    private final SSLContext tls;
    private final Duration timeout;
    private final HttpClient client;

    IdpHttp(SSLContext tls, Duration timeout) {
        this(tls, timeout, false);
    }

    private IdpHttp(SSLContext tls, Duration timeout, boolean cookies) {
        this.tls = tls;
        this.timeout = timeout;
        var builder = HttpClient.newBuilder()
                .sslContext(tls)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1);
        if (cookies) {
            builder.cookieHandler(new CookieManager());
        }
        this.client = builder.build();
    }

    /** A client with its own cookie jar (the JDK's, scoped by host and path), as one browser session has. */
    IdpHttp session() {
        return new IdpHttp(tls, timeout, true);
    }

    HttpResponse<String> get(URI uri) throws IOException {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    /**
     * A GET with a bearer token (Keycloak's admin API), answered within {@code within} (at most the client's
     * timeout): the caller's whole read has one deadline, and the last request gets what is left of it.
     */
    HttpResponse<String> getAuthorized(URI uri, String bearer, Duration within) throws IOException {
        var wait = within.compareTo(timeout) < 0 ? within : timeout;
        return send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/json").GET(), wait);
    }

    /** A form post, as a browser sends the login form. */
    HttpResponse<String> postForm(URI uri, Map<String, String> fields) throws IOException {
        return send(formPost(uri, fields));
    }

    /** A form post whose answer is JSON: the token endpoint. */
    HttpResponse<String> postFormForJson(URI uri, Map<String, String> fields) throws IOException {
        return send(formPost(uri, fields).header("Accept", "application/json"));
    }

    private static HttpRequest.Builder formPost(URI uri, Map<String, String> fields) {
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        return send(request, timeout);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Duration timeout) throws IOException {
        var built = request.timeout(timeout).build();
        if (!httpsUrl(built.uri().toString())) {
            throw new IOException("refusing plain " + built.uri().getScheme() + ": verify talks to the IdP over https only");
        }
        // The request timeout covers the headers only: a body trickled a byte a second hung verify, and a 3 GB
        // body took 4 GB of memory. The whole exchange gets the deadline, the body a size cap.
        var exchange = client.sendAsync(built, capped());
        try {
            return exchange.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            exchange.cancel(true);
            throw new java.net.http.HttpTimeoutException("no complete answer in " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause() == null ? "the request failed" : e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Far above any discovery document, JWKS, login page or token answer (Keycloak's are a few KB). */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private static HttpResponse.BodyHandler<String> capped() {
        return info -> new HttpResponse.BodySubscriber<>() {
            private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            private final java.util.concurrent.CompletableFuture<String> body = new java.util.concurrent.CompletableFuture<>();
            private java.util.concurrent.Flow.Subscription subscription;

            @Override
            public java.util.concurrent.CompletionStage<String> getBody() {
                return body;
            }

            @Override
            public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(java.util.List<java.nio.ByteBuffer> items) {
                for (var item : items) {
                    if (bytes.size() + item.remaining() > MAX_BODY_BYTES) {
                        subscription.cancel();
                        body.completeExceptionally(new IOException("the answer is larger than " + MAX_BODY_BYTES + " bytes: not an IdP's"));
                        return;
                    }
                    var chunk = new byte[item.remaining()];
                    item.get(chunk);
                    bytes.write(chunk, 0, chunk.length);
                }
            }

            @Override
            public void onError(Throwable t) {
                body.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                body.complete(bytes.toString(StandardCharsets.UTF_8));
            }
        };
    }

    static boolean httpsUrl(String value) {
        try {
            var uri = URI.create(value);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Same scheme, host and port: where the password and the login cookies may go. */
    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getHost() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort();
    }

    /** Why a request failed, for a FAIL line: the cause a person can act on, never a stack trace or a class name. */
    static String describe(IOException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t instanceof ExecutionException)) {
            t = t.getCause();
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SSLException) {
                var root = c;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                var why = String.valueOf(root.getMessage()).replaceAll("[\\w.$]+(Exception|Error): ", "");
                if (String.valueOf(c.getMessage()).contains("PKIX") || why.contains("certification path")) {
                    return "TLS: the IdP's certificate does not lead to a CA this JDK trusts; if it comes from a private"
                            + " CA (or is self-signed), pass that CA's PEM with --ca-file";
                }
                return "TLS failed (" + why + "); if the IdP's certificate comes from a private CA, pass it with --ca-file";
            }
            if (c instanceof UnknownHostException) {
                return "unknown host " + c.getMessage() + ": check the issuer's hostname and DNS";
            }
            if (c instanceof HttpConnectTimeoutException) {
                return "connection timed out: check the host, the port and any firewall";
            }
            if (c instanceof HttpTimeoutException) {
                return "no answer in time: the IdP is overloaded or not the service at that address";
            }
            if (c instanceof ConnectException) {
                return "connection refused: the IdP is not listening there (down, wrong port or host)";
            }
        }
        return t.getMessage() == null ? "the connection broke off without a reason given" : t.getMessage();
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(f -> URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The query parameters of a URL (or of {@code ?a=b&c=d}), decoded. */
    static Map<String, String> query(String url) {
        var q = url.indexOf('?');
        var out = new LinkedHashMap<String, String>();
        if (q < 0) {
            return out;
        }
        var end = url.indexOf('#', q);
        for (var pair : url.substring(q + 1, end < 0 ? url.length() : end).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            var eq = pair.indexOf('=');
            var key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.putIfAbsent(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
