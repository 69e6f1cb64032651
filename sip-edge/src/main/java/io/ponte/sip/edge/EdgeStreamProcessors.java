package io.ponte.sip.edge;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;
import java.util.Map;

import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioTlsMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/** The stack's NIO listeners, making edge channels for the connections they accept. */
final class EdgeStreamProcessors {

    private EdgeStreamProcessors() {
    }

    /** TCP: an {@link EdgeTcpMessageChannel} per accepted connection. */
    static final class Tcp extends NioTcpMessageProcessor implements ConnectionAliases.Table {
        Tcp(InetAddress address, SIPTransactionStack stack, int port) {
            super(address, stack, port);
        }

        @Override
        public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor processor, SocketChannel client)
                throws IOException {
            NioTcpMessageChannel channel = nioHandler.getMessageChannel(client);
            if (channel == null) {
                channel = new EdgeTcpMessageChannel(processor, client);
                nioHandler.putMessageChannel(client, channel);
            }
            return channel;
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
            NioTcpMessageChannel channel = nioHandler.getMessageChannel(client);
            if (channel == null) {
                channel = new EdgeTlsMessageChannel(processor, client);
                nioHandler.putMessageChannel(client, channel);
            }
            return channel;
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
