package io.ponte.it.support;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS handshake at one protocol version, from a JVM of its own whose security properties allow every
 * version (the JDK, like OpenSSL here, refuses TLS 1.0 and 1.1 on the client side by default, so a
 * refusal would prove nothing about the server). {@link #handshake} first proves the client can do that
 * version against a local server, then tries Ponte.
 */
public final class TlsProbe {

    private TlsProbe() {
    }

    /** Whether a handshake with {@code host:port} at {@code protocol} (such as {@code TLSv1.1}) succeeds. */
    public static boolean handshake(String host, int port, String protocol) throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("ponte.test.tls.dir"));
        Path allowAll = dir.resolve("allow-all-tls.security");
        Files.writeString(allowAll, "jdk.tls.disabledAlgorithms=\njdk.certpath.disabledAlgorithms=\n");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.security.properties=" + allowAll, "-cp", System.getProperty("java.class.path"),
                TlsProbe.class.getName(), dir.resolve("ponte.p12").toString(), System.getProperty("ponte.test.tls.password"),
                host, Integer.toString(port), protocol));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("TLS probe " + protocol + " did not finish");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println("TLS probe " + protocol + ": " + out.strip());
        if (!out.contains("SELF ESTABLISHED")) {
            throw new IllegalStateException("the probe cannot do " + protocol + " even with itself:\n" + out);
        }
        return out.contains("PONTE ESTABLISHED");
    }

    /** {@code keystore password host port protocol}: prints SELF and PONTE outcomes. */
    public static void main(String[] args) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(args[0])) {
            ks.load(in, args[1].toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, args[1].toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ponte", ks.getCertificate("ponte"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        String protocol = args[4];
        try (SSLServerSocket server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0)) {
            server.setEnabledProtocols(new String[] {protocol});
            Thread accept = new Thread(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.startHandshake();
                } catch (IOException e) {
                    // the client reports
                }
            });
            accept.start();
            System.out.println("SELF " + attempt(ctx, "127.0.0.1", server.getLocalPort(), protocol));
            accept.join(5000);
        }
        System.out.println("PONTE " + attempt(ctx, args[2], Integer.parseInt(args[3]), protocol));
    }

    private static String attempt(SSLContext ctx, String host, int port, String protocol) {
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(host, port)) {
            s.setSoTimeout(5000);
            s.setEnabledProtocols(new String[] {protocol});
            s.startHandshake();
            return "ESTABLISHED " + s.getSession().getProtocol() + " " + s.getSession().getCipherSuite();
        } catch (IOException e) {
            return "REFUSED " + e;
        }
    }
}
