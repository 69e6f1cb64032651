package io.ponte.sip.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class AnswersTest {

    @Test
    void theAnswerEchoesViaFromToCallIdAndCSeqAsReceivedAndTagsTheTo() {
        RawMessage request = RawMessage.of("""
                INVITE sip:201@127.0.0.1 SIP/2.0\r
                v: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKa;rport\r
                Via: SIP/2.0/UDP 10.0.0.8;branch=z9hG4bKb\r
                From: <sip:202@127.0.0.1>;tag=x\r
                To: <sip:201@127.0.0.1>\r
                Call-ID: abc\r
                CSeq: 1 INVITE\r
                Require: foo\r
                Max-Forwards: 70\r
                \r
                """.getBytes(StandardCharsets.UTF_8));
        String answer = Answers.render(request, new Verdict.Answer(420, "Bad Extension", List.of("Unsupported: foo")), "t1");
        assertEquals("""
                SIP/2.0 420 Bad Extension\r
                Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKa;rport\r
                Via: SIP/2.0/UDP 10.0.0.8;branch=z9hG4bKb\r
                From: <sip:202@127.0.0.1>;tag=x\r
                To: <sip:201@127.0.0.1>;tag=t1\r
                Call-ID: abc\r
                CSeq: 1 INVITE\r
                Unsupported: foo\r
                Server: Ponte\r
                Content-Length: 0\r
                \r
                """, answer);
    }

    @Test
    void aToThatHasATagKeepsItAndTheReasonIsOneLine() {
        RawMessage request = RawMessage.of("BYE sip:x SIP/2.0\r\nTo: <sip:x>;TAG=abc\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        String answer = Answers.render(request, new Verdict.Answer(400, "Bad\r\nThing"), "t1");
        assertEquals("SIP/2.0 400 Bad Thing\r\nTo: <sip:x>;TAG=abc\r\nServer: Ponte\r\nContent-Length: 0\r\n\r\n", answer);
    }
}
