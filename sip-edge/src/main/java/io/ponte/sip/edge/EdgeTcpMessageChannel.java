package io.ponte.sip.edge;

import java.io.IOException;
import java.nio.channels.SocketChannel;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;

/**
 * A TCP connection accepted by Ponte: the stack's NIO channel with the {@link StreamFramer} in front of
 * its framing. A message without a Call-ID, which the stack's framing cannot dispatch (it closes the
 * connection), is parsed here and handed straight to the channel, so the edge answers it {@code 400}.
 */
final class EdgeTcpMessageChannel extends NioTcpMessageChannel {

    private final StreamFramer framer;
    private final EdgeMessageParser parser;

    EdgeTcpMessageChannel(NioTcpMessageProcessor processor, SocketChannel socket, EdgeRules rules) throws IOException {
        super(processor, socket);
        this.messageProcessor = processor;
        this.framer = new StreamFramer(processor.getSIPStack().getMaxMessageSize());
        this.parser = new EdgeMessageParser(rules);
    }

    @Override
    protected void addBytes(byte[] bytes) throws Exception {
        for (StreamFramer.Frame frame : framer.push(bytes)) {
            if (!frame.message() || frame.hasCallId()) {
                super.addBytes(frame.bytes());
            } else {
                SIPMessage refused = parser.parseSIPMessage(frame.bytes(), false, false, null);
                if (refused != null) {
                    processMessage(refused);
                }
            }
        }
    }
}
