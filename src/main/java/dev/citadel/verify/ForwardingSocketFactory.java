package dev.citadel.verify;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;

/**
 * pgjdbc's socket factory for a port-forward: the URL names the stack's host, so TLS checks that name in the
 * certificate, while the TCP connection goes to the forward ({@code "host port"}, pgjdbc's {@code socketFactoryArg}).
 * Without it, a port-forward to RDS could only pass with the certificate unchecked.
 */
public final class ForwardingSocketFactory extends SocketFactory {
    private final String host;
    private final int port;

    public ForwardingSocketFactory(String arg) {
        var parts = arg.split(" ", 2);
        this.host = parts[0];
        this.port = Integer.parseInt(parts[1]);
    }

    @Override
    public Socket createSocket() {
        return new Socket() {
            @Override
            public void connect(SocketAddress ignored, int timeout) throws IOException {
                super.connect(new InetSocketAddress(host, port), timeout);
            }

            @Override
            public void connect(SocketAddress ignored) throws IOException {
                super.connect(new InetSocketAddress(host, port));
            }
        };
    }

    @Override
    public Socket createSocket(String h, int p) throws IOException {
        return new Socket(host, port);
    }

    @Override
    public Socket createSocket(String h, int p, InetAddress localHost, int localPort) throws IOException {
        return new Socket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress h, int p) throws IOException {
        return new Socket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress h, int p, InetAddress localAddress, int localPort) throws IOException {
        return new Socket(host, port, localAddress, localPort);
    }
}
