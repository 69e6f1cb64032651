package io.ponte.sip.edge;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;

/**
 * A response whose bytes the edge wrote ({@link Answers}); JAIN-SIP's channels send a {@link SIPResponse},
 * so this one carries the stand-in's parsed Via, Call-ID and CSeq for the stack's bookkeeping and puts the
 * edge's text on the wire.
 */
final class RawAnswer extends SIPResponse {

    private static final long serialVersionUID = 1L;

    private final byte[] bytes;

    RawAnswer(SIPRequest standIn, int status, String text) {
        this.bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            setStatusCode(status);
        } catch (ParseException e) {
            throw new IllegalArgumentException("status " + status, e);
        }
        setHeader(standIn.getViaHeaders());
        setHeader(standIn.getCallId());
        setHeader(standIn.getCSeq());
    }

    @Override
    public byte[] encodeAsBytes(String transport) {
        return bytes.clone();
    }

    @Override
    public String encode() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return encode();
    }
}
