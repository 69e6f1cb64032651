package io.ponte.security;

/** Where a SIP request came from: the packet's source address and port, and the transport. */
public record Peer(String address, int port, String transport) {

    /** From {@code "address:port"} as the registrar records it (the port after the last colon). */
    public static Peer parse(String addressAndPort, String transport) {
        int colon = addressAndPort == null ? -1 : addressAndPort.lastIndexOf(':');
        if (colon <= 0) {
            return new Peer(addressAndPort == null ? "" : addressAndPort, 0, transport);
        }
        int port;
        try {
            port = Integer.parseInt(addressAndPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            return new Peer(addressAndPort, 0, transport);
        }
        return new Peer(addressAndPort.substring(0, colon), port, transport);
    }
}
