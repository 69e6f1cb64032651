package io.ponte.trunk;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * A trunk as the SIP side uses it for calls: where it is, its digest credentials ({@code password} opened,
 * null without one), the address its host had when the lines were loaded ({@code address}, null when it
 * did not resolve), the most calls it carries at once ({@code maxCalls}, 0: no limit), whether its calls
 * count as its own only over TLS ({@code tlsOnly}: a UDP packet's source address can be forged, a TLS
 * connection's cannot) and its dial plan.
 * Its {@code toString} never shows the password.
 */
public record TrunkLine(long id, String name, String host, int port, String transport, String username, String password,
                        InetAddress address, int maxCalls, boolean tlsOnly, DialPlan plan) {

    /**
     * Whether a request from {@code source} (raw address bytes) and {@code sourcePort} over {@code transport}
     * came from this trunk: from its listed sources, or with none, from its own address and, over UDP (where a
     * SIP entity sends from the port it listens on), its port; and over TLS when the trunk is {@code tlsOnly}.
     */
    public boolean sentFrom(byte[] source, int sourcePort, String transport) {
        if (tlsOnly && !"tls".equalsIgnoreCase(transport)) {
            return false;
        }
        if (!plan.sources().isEmpty()) {
            return plan.sources().stream().anyMatch(c -> c.contains(source));
        }
        return address != null && Arrays.equals(address.getAddress(), source) && (!"udp".equals(transport) || port == sourcePort);
    }

    @Override
    public String toString() {
        return "TrunkLine[" + name + " " + transport + ":" + host + ":" + port + "]";
    }
}
