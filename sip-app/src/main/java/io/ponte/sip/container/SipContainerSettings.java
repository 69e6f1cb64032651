package io.ponte.sip.container;

import java.nio.file.Path;
import java.util.List;

/**
 * Where and how the embedded SIP container listens.
 *
 * @param bindAddress IP address the SIP connectors bind to
 * @param port        SIP port (UDP and TCP)
 * @param transports  transports to open, e.g. {@code udp}, {@code tcp}
 * @param maxMessageSize largest SIP message accepted, in bytes (also the size of every UDP receive buffer)
 * @param baseDir     private working directory (Catalina base) for the container
 * @param tls         SIP over TLS (RFC 3261 section 26), or null for none
 */
public record SipContainerSettings(String bindAddress, int port, List<String> transports, int maxMessageSize, Path baseDir,
                                   Tls tls) {

    /**
     * A TLS listener on {@code port} with the server's certificate and key from {@code keyStore} (PKCS12
     * unless its name ends in {@code .jks}); {@code trustStore} holds what Ponte trusts when it opens a
     * TLS connection itself (to a phone's listener), the JVM's authorities when null.
     */
    public record Tls(int port, Path keyStore, char[] password, Path trustStore) {

        String storeType(Path store) {
            return store.getFileName().toString().endsWith(".jks") ? "JKS" : "PKCS12";
        }

        @Override
        public String toString() { // never the password
            return "Tls[port=" + port + ", keyStore=" + keyStore + ", trustStore=" + trustStore + "]";
        }
    }
}
