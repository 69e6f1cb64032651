package io.ponte.sip.container;

import java.nio.file.Path;
import java.util.List;

/**
 * Where and how the embedded SIP container listens.
 *
 * @param bindAddress IP address the SIP connectors bind to
 * @param port        SIP port (UDP and TCP)
 * @param transports  transports to open, e.g. {@code udp}, {@code tcp}
 * @param baseDir     private working directory (Catalina base) for the container
 */
public record SipContainerSettings(String bindAddress, int port, List<String> transports, Path baseDir) {
}
