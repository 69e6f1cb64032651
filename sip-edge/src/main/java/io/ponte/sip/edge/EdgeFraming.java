package io.ponte.sip.edge;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * One connection's {@link StreamFramer} and the way out for what the stack's own framing cannot take:
 * framed bytes go on to the stack's parser, and a message without a Call-ID (which the stack's framing
 * refuses by closing the connection) is parsed here and handed to the channel, for the edge to answer.
 */
final class EdgeFraming {

    /** Where bytes or a message go; may throw what the stack's methods throw. */
    interface Sink<T> {
        void accept(T t) throws Exception;
    }

    private final StreamFramer framer;
    private final EdgeMessageParser parser;

    EdgeFraming(SIPTransactionStack stack) {
        this.framer = new StreamFramer(stack.getMaxMessageSize());
        this.parser = new EdgeMessageParser(EdgeMessageParserFactory.rulesFor(stack));
    }

    void feed(byte[] bytes, Sink<byte[]> stackFraming, Sink<SIPMessage> channel) throws Exception {
        for (StreamFramer.Frame frame : framer.push(bytes)) {
            if (!frame.message() || frame.hasCallId()) {
                stackFraming.accept(frame.bytes());
            } else {
                SIPMessage refused = parser.parseSIPMessage(frame.bytes(), false, false, null);
                if (refused != null) {
                    channel.accept(refused);
                }
            }
        }
    }
}
