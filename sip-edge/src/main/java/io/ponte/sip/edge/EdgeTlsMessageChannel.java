package io.ponte.sip.edge;

import java.io.IOException;
import java.nio.channels.SocketChannel;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioTlsMessageChannel;

/** A TLS connection accepted by Ponte: decrypted bytes pass {@link EdgeFraming} before the stack's framing. */
final class EdgeTlsMessageChannel extends NioTlsMessageChannel {

    private final EdgeFraming framing;

    EdgeTlsMessageChannel(NioTcpMessageProcessor processor, SocketChannel socket) throws IOException {
        super(processor, socket);
        this.framing = new EdgeFraming(processor.getSIPStack());
    }

    @Override
    public void addPlaintextBytes(byte[] bytes) throws Exception {
        framing.feed(bytes, super::addPlaintextBytes, this::processMessage);
    }

    @Override
    public void processMessage(SIPMessage message) throws Exception {
        ConnectionAliases.note(message, this, getPeerInetAddress(), ((ConnectionAliases.Table) messageProcessor).channels());
        super.processMessage(message);
    }
}
