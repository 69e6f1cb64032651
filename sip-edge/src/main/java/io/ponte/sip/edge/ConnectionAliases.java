package io.ponte.sip.edge;

import java.net.InetAddress;
import java.util.Map;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageChannel;

/**
 * Lets Ponte reach a phone on TCP or TLS through the connection the phone opened (RFC 5923's aliases, as
 * Kamailio's {@code tcp_accept_aliases}): when a request on an accepted connection names, in its top Via
 * or its Contact, the connection's own peer address with another port (the phone's listening port), the
 * stack's table of channels also gets that address and port, so a request Ponte sends there (an INVITE
 * to the Contact, a BYE, an ACK) goes over the open connection instead of a new one the phone may not
 * accept (behind NAT, or without a certificate of its own). Only the peer's own address is ever aliased.
 */
final class ConnectionAliases {

    private ConnectionAliases() {
    }

    /** The stack's table of open channels by key, kept by the processor that accepted the connection. */
    interface Table {
        Map<String, ConnectionOrientedMessageChannel> channels();
    }

    /**
     * Adds aliases for {@code message}, received on {@code channel} from {@code peer}, to {@code table} (the
     * processor's channels).
     */
    static void note(SIPMessage message, ConnectionOrientedMessageChannel channel, InetAddress peer,
                     Map<String, ConnectionOrientedMessageChannel> table) {
        if (!(message instanceof SIPRequest request) || request instanceof Refusal) {
            return;
        }
        if (peer == null) {
            return;
        }
        Via via = request.getTopmostVia();
        if (via != null) {
            alias(via.getHost(), via.getPort(), peer, channel, table);
        }
        Contact contact = request.getContactHeader();
        if (contact != null && contact.getAddress() != null && contact.getAddress().getURI() instanceof SipUri uri) {
            alias(uri.getHost(), uri.getPort(), peer, channel, table);
        }
    }

    private static void alias(String host, int port, InetAddress peer, ConnectionOrientedMessageChannel channel,
                              Map<String, ConnectionOrientedMessageChannel> table) {
        if (host == null || port <= 0 || port == channel.getPeerPort() || !host.equals(peer.getHostAddress())) {
            return;
        }
        String key = MessageChannel.getKey(peer, port, channel.getTransport());
        ConnectionOrientedMessageChannel current = table.get(key);
        if (current != channel) {
            table.put(key, channel);
        }
    }

    /** Drops every alias of {@code channel}, when its connection closes. */
    static void forget(ConnectionOrientedMessageChannel channel, Map<String, ConnectionOrientedMessageChannel> table) {
        table.values().removeIf(c -> c == channel);
    }
}
