package io.ponte.bridge.connectycube.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Direct TLS checks the certificate against the XMPP domain even though the socket connects to an
 * address: a JDK TLS server on 127.0.0.1 with a certificate for {@code chat.ponte.test}.
 */
class DirectTlsSocketFactoryTest {
    @TempDir
    Path dir;
    private SSLServerSocket server;
    private X509TrustManager trust;
    private final ExecutorService acceptor = Executors.newSingleThreadExecutor();

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is needed to make a test certificate");
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=chat.ponte.test",
                "-addext", "subjectAltName=DNS:chat.ponte.test", "-keyout", dir.resolve("k.pem").toString(),
                "-out", dir.resolve("c.pem").toString());
        run("openssl", "pkcs12", "-export", "-in", dir.resolve("c.pem").toString(), "-inkey",
                dir.resolve("k.pem").toString(), "-out", dir.resolve("s.p12").toString(), "-passout", "pass:test");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("s.p12"))) {
            ks.load(in, "test".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "test".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress());
        acceptor.submit(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    out.write("ok\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (Exception e) {
                    // a refused handshake, or the server closing: go on or stop
                }
            }
        });

        Certificate cert;
        try (InputStream in = Files.newInputStream(dir.resolve("c.pem"))) {
            cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore ts = KeyStore.getInstance(KeyStore.getDefaultType());
        ts.load(null, null);
        ts.setCertificateEntry("server", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        trust = (X509TrustManager) tmf.getTrustManagers()[0];
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        acceptor.shutdownNow();
        acceptor.awaitTermination(5, TimeUnit.SECONDS);
    }

    private String readLine(DirectTlsSocketFactory f) throws Exception {
        // as Smack does it: an unconnected socket, then connect to an address
        try (Socket s = f.createSocket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5000);
            assertTrue(s.getTcpNoDelay(), "Nagle's algorithm off (small login steps must not wait for delayed ACKs)");
            s.setSoTimeout(5000);
            ((SSLSocket) s).startHandshake();
            return new String(s.getInputStream().readNBytes(3), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void acceptsTheCertificateOfTheDomainAtAnAddress() throws Exception {
        assertEquals("ok\n", readLine(new DirectTlsSocketFactory("chat.ponte.test", trust)));
    }

    @Test
    void refusesATrustedCertificateForAnotherName() {
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                () -> readLine(new DirectTlsSocketFactory("chat.elsewhere.test", trust)));
        // the JDK checks the SNI name first, then falls back to the connected host (here "localhost")
        assertTrue(String.valueOf(e.getMessage()).contains("No subject alternative DNS name"), e.getMessage());
    }

    @Test
    void plainSocketsForStartTlsHaveNagleOff() throws Exception {
        try (Socket s = NoDelaySocketFactory.INSTANCE.createSocket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5000);
            assertTrue(s.getTcpNoDelay());
        }
    }

    @Test
    void refusesAnUntrustedCertificate() {
        assertThrows(SSLHandshakeException.class, () -> readLine(new DirectTlsSocketFactory("chat.ponte.test", null)));
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(command[0] + " " + command[1] + " failed: " + out);
        }
    }
}
