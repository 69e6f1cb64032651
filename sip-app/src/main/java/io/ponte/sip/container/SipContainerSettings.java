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
 */
public record SipContainerSettings(String bindAddress, int port, List<String> transports, int maxMessageSize, Path baseDir) {
}
