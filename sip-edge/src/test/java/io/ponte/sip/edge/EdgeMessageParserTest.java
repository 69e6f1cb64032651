package io.ponte.sip.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Test;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;

class EdgeMessageParserTest {

    private final EdgeMessageParser parser = new EdgeMessageParser(new EdgeRules(8192, Set.of()));

    private static final String REGISTER = """
            REGISTER sip:127.0.0.1 SIP/2.0
            v: SIP/2.0/TCP 127.0.0.1:5070;branch=z9hG4bK1;rport
            f: "Bob \\"the phone\\"" <sip:%32%30%31@127.0.0.1>;tag=1
            t: <sip:201@127.0.0.1>
            i: c1@127.0.0.1
            CSeq: 7 REGISTER
            Max-Forwards: 70
            m: <sip:201@127.0.0.1:5070;transport=tcp>;expires=60
            Date: not a date at all
            X-Unknown: ;;;
            l: 0

            """;

    private SIPMessage parse(String text, boolean datagram) throws Exception {
        return parser.parseSIPMessage(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), datagram, false, null);
    }

    @Test
    void anOddButValidRequestComesOutParsedWithItsBadOptionalHeaderKeptAsText() throws Exception {
        SIPMessage m = parse(REGISTER, false);
        SIPRequest r = assertInstanceOf(SIPRequest.class, m);
        assertFalse(m instanceof Refusal, "refused: " + (m instanceof Refusal f ? f.verdict() : null));
        assertEquals("c1@127.0.0.1", r.getCallId().getCallId());
        assertEquals(60, r.getContactHeader().getExpires());
        assertTrue(r.getUnrecognizedHeaders().hasNext(), "the unreadable Date is kept as text");
    }

    @Test
    void aContactThatDoesNotParseIsRefusedNamingIt() throws Exception {
        Refusal r = assertInstanceOf(Refusal.class, parse(REGISTER.replace("m: <sip:201@127.0.0.1:5070;transport=tcp>;expires=60",
                "m: <sip:201@127.0.0.1:5070;transport=tcp;expires=60"), false));
        assertEquals(new Verdict.Answer(400, "Bad Contact"), r.verdict());
        assertEquals("c1@127.0.0.1", r.original().first("Call-ID").value());
    }

    @Test
    void aFromThatDoesNotParseIsRefusedOverUdpToo() throws Exception {
        Refusal r = assertInstanceOf(Refusal.class, parse(REGISTER.replace("f: \"Bob", "f: <<\"Bob"), true));
        assertEquals(new Verdict.Answer(400, "Bad From"), r.verdict());
    }

    @Test
    void garbageBecomesADrop() throws Exception {
        Refusal r = assertInstanceOf(Refusal.class, parse("hello there\n\n", true));
        assertInstanceOf(Verdict.Drop.class, r.verdict());
    }

    @Test
    void theStandInPassesTheStacksOwnChecks() throws Exception {
        Refusal r = assertInstanceOf(Refusal.class, parse(REGISTER.replace("SIP/2.0\n", "SIP/3.0\n"), false));
        assertEquals(new Verdict.Answer(505, "Version Not Supported"), r.verdict());
        assertEquals("SIP/2.0", r.getRequestLine().getSipVersion());
        assertEquals(r.getMethod(), r.getCSeq().getMethod());
        assertEquals("127.0.0.1", r.getTopmostVia().getHost(), "the sender's Via, for a TCP channel's bookkeeping");
        r.checkHeaders();
    }

    @Test
    void keepAlivesStayKeepAlives() throws Exception {
        assertNull(parse("\n\n", true));
    }
}
