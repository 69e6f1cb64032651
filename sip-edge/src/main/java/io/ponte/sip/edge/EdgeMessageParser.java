package io.ponte.sip.edge;

import java.text.ParseException;

import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;

/**
 * JAIN-SIP's message parser with the edge in front: each message is judged by {@link EdgeRules} on its
 * raw text, then parsed by JAIN-SIP's own {@link StringMsgParser}; a header Ponte relies on that does not
 * parse refuses the request with {@code 400} naming it. A refused message comes back as a
 * {@link Refusal} for the {@link EdgeValve} to answer or drop. Never throws: a stack that gets an
 * exception from here drops the message silently (TCP) or answers with the exception's text (UDP).
 */
final class EdgeMessageParser implements MessageParser {

    private final StringMsgParser parser = new StringMsgParser();
    private final EdgeRules rules;

    EdgeMessageParser(EdgeRules rules) {
        this.rules = rules;
    }

    /** {@code readBody} is true for datagrams, whose body follows the header in the same buffer. */
    @Override
    public SIPMessage parseSIPMessage(byte[] bytes, boolean readBody, boolean strict, ParseExceptionListener channel)
            throws ParseException {
        if (bytes == null || RawMessage.isKeepAlive(bytes)) {
            return parser.parseSIPMessage(bytes, readBody, strict, channel);
        }
        RawMessage raw = RawMessage.of(bytes);
        Verdict verdict = rules.check(raw, readBody);
        if (verdict == Verdict.PASS) {
            HeaderProblems problems = new HeaderProblems();
            try {
                SIPMessage message = parser.parseSIPMessage(bytes, readBody, strict, problems);
                if (problems.relied == null) {
                    return message;
                }
            } catch (ParseException | RuntimeException e) {
                // named by problems, or else the message as a whole
            }
            verdict = rules.unreadable(raw, problems.relied == null ? "Request" : problems.relied);
        }
        return Refusal.of(raw, verdict);
    }

    /**
     * Notes the first header Ponte relies on that does not parse and stops the parse there; other
     * unparseable headers are kept as text, as JAIN-SIP's channels do.
     */
    private static final class HeaderProblems implements ParseExceptionListener {
        String relied;

        @Override
        @SuppressWarnings("rawtypes")
        public void handleException(ParseException ex, SIPMessage message, Class headerClass, String header,
                String whole) throws ParseException {
            String name;
            if (headerClass == RequestLine.class) {
                name = "Request-Line";
            } else if (headerClass == StatusLine.class) {
                name = "Status-Line";
            } else {
                int colon = header == null ? -1 : header.indexOf(':');
                name = colon <= 0 ? "Header Line" : RawMessage.canonicalName(header.substring(0, colon).strip());
            }
            if (headerClass == RequestLine.class || headerClass == StatusLine.class || EdgeRules.RELIED_ON.contains(name)) {
                if (relied == null) {
                    relied = name;
                }
                throw ex;
            }
            if (message != null) {
                message.addUnparsed(header);
            }
        }
    }
}
