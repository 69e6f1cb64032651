package io.ponte.bridge.connectycube.chat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets with Nagle's algorithm off ({@code TCP_NODELAY}), for STARTTLS, which upgrades the
 * socket in place. Logging in is a dozen small request/reply steps (TLS handshake, stream headers, SASL,
 * bind, presence); with Nagle on, a small write can wait for the peer's delayed ACK (40 ms on Linux) at
 * several of them. Measured with 1,000 connections to a local Prosody: see docs/benchmarks.md.
 */
final class NoDelaySocketFactory extends SocketFactory {
    static final NoDelaySocketFactory INSTANCE = new NoDelaySocketFactory();

    private final SocketFactory plain = SocketFactory.getDefault();

    private NoDelaySocketFactory() {
    }

    private static Socket noDelay(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(plain.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(plain.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(plain.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(plain.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return noDelay(plain.createSocket(address, port, localAddress, localPort));
    }
}
