package io.ponte.sip.edge;

import java.util.Set;

import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * Named in the stack property {@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}; JAIN-SIP creates one
 * parser per UDP worker thread and per TCP/TLS connection.
 */
public final class EdgeMessageParserFactory implements MessageParserFactory {

    /** {@code Require} option tags Ponte implements: session timers (RFC 4028); 100rel and the rest get 420. */
    static final Set<String> SUPPORTED_EXTENSIONS = Set.of("timer");

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        return new EdgeMessageParser(rulesFor(stack));
    }

    static EdgeRules rulesFor(SIPTransactionStack stack) {
        return new EdgeRules(stack.getMaxMessageSize(), SUPPORTED_EXTENSIONS);
    }
}
