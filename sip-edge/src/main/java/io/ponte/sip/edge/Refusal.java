package io.ponte.sip.edge;

import java.text.ParseException;
import java.util.concurrent.atomic.AtomicLong;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.ParserFactory;
import gov.nist.javax.sip.parser.RequestLineParser;

/**
 * Carries a refused message from the parser, which cannot send, to the {@link EdgeValve}, which can:
 * JAIN-SIP hands the parser no channel on TCP and drops what fails to parse without a word. So the
 * parser returns this stand-in, a minimal well-formed request that passes JAIN-SIP's own checks, and the
 * valve, first to see it with its channel, answers or drops the original and stops the stand-in there.
 */
final class Refusal extends SIPRequest {

    private static final long serialVersionUID = 1L;
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final transient RawMessage original;
    private final transient Verdict verdict;

    private Refusal(RawMessage original, Verdict verdict) {
        this.original = original;
        this.verdict = verdict;
    }

    static Refusal of(RawMessage original, Verdict verdict) {
        Refusal r = new Refusal(original, verdict);
        long n = SEQUENCE.incrementAndGet();
        try {
            r.setRequestLine(new RequestLineParser("OPTIONS sip:refused.invalid SIP/2.0\n").parse());
            r.attachHeader(via(original, n), false);
            r.attachHeader(header("From: <sip:refused@refused.invalid>;tag=r" + n), false);
            r.attachHeader(header("To: <sip:refused@refused.invalid>"), false);
            r.attachHeader(header("Call-ID: refused-" + n + "@refused.invalid"), false);
            r.attachHeader(header("CSeq: 1 OPTIONS"), false);
            r.attachHeader(header("Max-Forwards: 70"), false);
        } catch (ParseException e) {
            throw new IllegalStateException("the stand-in request does not parse", e);
        }
        return r;
    }

    /** The sender's own Via when it parses (a TCP channel remembers the first Via's host), else a dummy. */
    private static SIPHeader via(RawMessage original, long n) throws ParseException {
        RawMessage.Field via = original.first("Via");
        if (via != null) {
            try {
                return header("Via: " + via.value());
            } catch (ParseException | RuntimeException e) {
                // fall through to the dummy
            }
        }
        return header("Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-refused-" + n);
    }

    private static SIPHeader header(String line) throws ParseException {
        return ParserFactory.createParser(line + "\n").parse();
    }

    RawMessage original() {
        return original;
    }

    Verdict verdict() {
        return verdict;
    }
}
