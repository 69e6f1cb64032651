package io.ponte.sip.edge;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;
import java.util.Map;

import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.NIOHandler;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioTlsMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * The stack's NIO listeners, making edge channels for the connections they accept and keeping their
 * {@link ConnectionAliases} in the stack's table of channels.
 */
final class EdgeStreamProcessors {

    private EdgeStreamProcessors() {
    }

    /** Makes the channel for an accepted connection. */
    private interface ChannelMaker {
        NioTcpMessageChannel make() throws IOException;
    }

    /** The accepted connection's channel: the one the stack knows, or a new edge channel. */
    private static NioTcpMessageChannel accepted(NIOHandler handler, SocketChannel client, ChannelMaker maker)
            throws IOException {
        NioTcpMessageChannel channel = handler.getMessageChannel(client);
        if (channel == null) {
            channel = maker.make();
            handler.putMessageChannel(client, channel);
        }
        return channel;
    }

    /** TCP: an {@link EdgeTcpMessageChannel} per accepted connection. */
    static final class Tcp extends NioTcpMessageProcessor implements ConnectionAliases.Table {
        Tcp(InetAddress address, SIPTransactionStack stack, int port) {
            super(address, stack, port);
        }

        @Override
        public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor processor, SocketChannel client)
                throws IOException {
            return accepted(nioHandler, client, () -> new EdgeTcpMessageChannel(processor, client));
        }

        @Override
        public Map<String, ConnectionOrientedMessageChannel> channels() {
            return messageChannels;
        }

        @Override
        protected synchronized void remove(ConnectionOrientedMessageChannel channel) {
            super.remove(channel);
            ConnectionAliases.forget(channel, messageChannels);
        }
    }

    /** TLS: an {@link EdgeTlsMessageChannel} per accepted connection. */
    static final class Tls extends NioTlsMessageProcessor implements ConnectionAliases.Table {
        Tls(InetAddress address, SIPTransactionStack stack, int port) {
            super(address, stack, port);
        }

        @Override
        public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor processor, SocketChannel client)
                throws IOException {
            return accepted(nioHandler, client, () -> new EdgeTlsMessageChannel(processor, client));
        }

        @Override
        public Map<String, ConnectionOrientedMessageChannel> channels() {
            return messageChannels;
        }

        @Override
        protected synchronized void remove(ConnectionOrientedMessageChannel channel) {
            super.remove(channel);
            ConnectionAliases.forget(channel, messageChannels);
        }
    }
}
