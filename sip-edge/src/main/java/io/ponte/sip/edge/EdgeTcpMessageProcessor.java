package io.ponte.sip.edge;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;

import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/** The stack's NIO TCP listener, making an {@link EdgeTcpMessageChannel} for every connection it accepts. */
final class EdgeTcpMessageProcessor extends NioTcpMessageProcessor {

    private final EdgeRules rules;

    EdgeTcpMessageProcessor(InetAddress address, SIPTransactionStack stack, int port) {
        super(address, stack, port);
        this.rules = EdgeMessageParserFactory.rulesFor(stack);
    }

    @Override
    public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor processor, SocketChannel client)
            throws IOException {
        NioTcpMessageChannel channel = nioHandler.getMessageChannel(client);
        if (channel == null) {
            channel = new EdgeTcpMessageChannel(processor, client, rules);
            nioHandler.putMessageChannel(client, channel);
        }
        return channel;
    }
}
