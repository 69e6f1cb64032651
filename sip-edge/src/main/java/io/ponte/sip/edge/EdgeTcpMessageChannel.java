package io.ponte.sip.edge;

import java.io.IOException;
import java.nio.channels.SocketChannel;

import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;

/** A TCP connection accepted by Ponte: the stack's NIO channel with {@link EdgeFraming} in front of its framing. */
final class EdgeTcpMessageChannel extends NioTcpMessageChannel {

    private final EdgeFraming framing;

    EdgeTcpMessageChannel(NioTcpMessageProcessor processor, SocketChannel socket) throws IOException {
        super(processor, socket);
        this.messageProcessor = processor;
        this.framing = new EdgeFraming(processor.getSIPStack());
    }

    @Override
    protected void addBytes(byte[] bytes) throws Exception {
        framing.feed(bytes, super::addBytes, this::processMessage);
    }

    @Override
    public void processMessage(SIPMessage message) throws Exception {
        ConnectionAliases.note(message, this, getPeerInetAddress(), ((ConnectionAliases.Table) messageProcessor).channels());
        super.processMessage(message);
    }
}
