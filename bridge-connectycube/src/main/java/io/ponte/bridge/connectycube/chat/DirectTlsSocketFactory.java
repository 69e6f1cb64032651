package io.ponte.bridge.connectycube.chat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.SocketFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Sockets that speak TLS from the first byte (XEP-0368) and check the server's certificate name: the
 * XMPP domain goes out as SNI, and endpoint identification ({@code HTTPS} rules, RFC 2818) checks the
 * certificate against it (the JDK then also accepts a certificate for the host name connected to).
 * Nagle's algorithm is off, as in {@link NoDelaySocketFactory} and for the same reason.
 */
final class DirectTlsSocketFactory extends SocketFactory {
    private final String domain;
    private final SSLSocketFactory delegate;

    /**
     * @param trustManager {@code null} for the JDK's default trust
     */
    DirectTlsSocketFactory(String domain, X509TrustManager trustManager) {
        this.domain = domain;
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, trustManager == null ? null : new TrustManager[] {trustManager}, null);
            this.delegate = ctx.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JDK", e);
        }
    }

    private Socket configure(Socket s) throws IOException {
        SSLSocket ssl = (SSLSocket) s;
        ssl.setTcpNoDelay(true);
        SSLParameters p = ssl.getSSLParameters();
        p.setServerNames(List.of(new SNIHostName(domain)));
        p.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(p);
        return ssl;
    }

    @Override
    public Socket createSocket() throws IOException {
        return configure(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return configure(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return configure(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return configure(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return configure(delegate.createSocket(address, port, localAddress, localPort));
    }
}
