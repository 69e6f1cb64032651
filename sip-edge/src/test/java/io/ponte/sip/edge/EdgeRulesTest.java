package io.ponte.sip.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EdgeRulesTest {

    private static final EdgeRules RULES = new EdgeRules(8192, Set.of());

    private static final String OPTIONS = """
            OPTIONS sip:127.0.0.1:5060 SIP/2.0
            Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1
            From: <sip:a@127.0.0.1>;tag=1
            To: <sip:127.0.0.1>
            Call-ID: c1@127.0.0.1
            CSeq: 1 OPTIONS
            Max-Forwards: 70
            Content-Length: 0

            """;

    /** {@link #OPTIONS} with {@code from} replaced by {@code to} (\n in either stands for a line break). */
    private static Verdict judge(String from, String to) {
        String text = OPTIONS.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n")).replace("\n", "\r\n");
        return RULES.check(RawMessage.of(text.getBytes(StandardCharsets.UTF_8)), true);
    }

    @ParameterizedTest(name = "{0} -> {2} {3}")
    @CsvSource(delimiter = '|', value = {
        "OPTIONS sip:127.0.0.1:5060 SIP/2.0 | OPTIONS sip:127.0.0.1:5060 SIP/7.0 | 505 | Version Not Supported",
        "OPTIONS sip:127.0.0.1:5060 SIP/2.0 | OPTIONS  sip:127.0.0.1:5060 SIP/2.0 | 400 | Bad Request-Line",
        "OPTIONS sip:127.0.0.1:5060 SIP/2.0 | OPTIONS tel:+15551234 SIP/2.0 | 416 | Unsupported URI Scheme",
        "OPTIONS sip:127.0.0.1:5060 SIP/2.0 | FROBNICATE sip:127.0.0.1:5060 SIP/2.0 | 400 | Bad CSeq Method",
        "Call-ID: c1@127.0.0.1\\n | | 400 | Missing Call-ID",
        "Max-Forwards: 70\\n | | 400 | Missing Max-Forwards",
        "To: <sip:127.0.0.1>\\n | To: <sip:127.0.0.1>\\nt: <sip:x@127.0.0.1>\\n | 400 | Duplicate To",
        "CSeq: 1 OPTIONS | CSeq: 1 INVITE | 400 | Bad CSeq Method",
        "CSeq: 1 OPTIONS | CSeq: one OPTIONS | 400 | Bad CSeq",
        "CSeq: 1 OPTIONS | CSeq: 4294967296 OPTIONS | 400 | Bad CSeq",
        "Max-Forwards: 70 | Max-Forwards: 256 | 400 | Bad Max-Forwards",
        "Max-Forwards: 70 | Max-Forwards: -1 | 400 | Bad Max-Forwards",
        "Content-Length: 0 | Content-Length: 12 | 400 | Bad Content-Length",
        "Content-Length: 0 | Content-Length: zero | 400 | Bad Content-Length",
        "Content-Length: 0 | Expires: soon\\nContent-Length: 0 | 400 | Bad Expires",
        "Content-Length: 0 | Require: 100rel, foo\\nContent-Length: 0 | 420 | Bad Extension",
        "Content-Length: 0 | this is not a header\\nContent-Length: 0 | 400 | Bad Header Line",
    })
    void malformedRequestsGetTheirAnswer(String from, String to, int status, String reason) {
        Verdict v = judge(from.strip(), to == null ? "" : to.strip());
        Verdict.Answer a = assertInstanceOf(Verdict.Answer.class, v);
        assertEquals(status, a.status());
        assertEquals(reason, a.reason());
    }

    @Test
    void anUnknownMethodGets501WithAllow() {
        Verdict.Answer a = assertInstanceOf(Verdict.Answer.class, judgeText(OPTIONS.replace("OPTIONS", "FROBNICATE")));
        assertEquals(501, a.status());
        assertEquals(List.of("Allow: REGISTER, OPTIONS, INVITE, ACK, BYE, CANCEL, UPDATE, INFO, REFER"), a.headers());
    }

    @Test
    void unsupportedExtensionsAreListedOnce() {
        Verdict.Answer a = (Verdict.Answer) judge("Content-Length: 0", "Require: 100rel, foo\nRequire: foo\nContent-Length: 0");
        assertEquals(List.of("Unsupported: 100rel, foo"), a.headers());
    }

    @Test
    void maxForwardsZeroIs483ExceptForAnOptionsAddressedToThisHop() {
        String zero = OPTIONS.replace("Max-Forwards: 70", "Max-Forwards: 0");
        assertEquals(Verdict.PASS, judgeText(zero));
        assertEquals(new Verdict.Answer(483, "Too Many Hops"), judgeText(zero.replace("OPTIONS", "MESSAGE")));
    }

    @Test
    void aDatagramCutAtTheBufferSizeIsTooLarge() {
        String big = OPTIONS.replace("Content-Length: 0\n\n", "Content-Length: 9000\n\n" + "x".repeat(8192));
        byte[] cut = java.util.Arrays.copyOf(big.getBytes(StandardCharsets.UTF_8), 8192);
        assertEquals(new Verdict.Answer(513, "Message Too Large"), RULES.check(RawMessage.of(cut), true));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "compact forms | Via: | v:",
        "compact forms | Call-ID: | i:",
        "folded header | From: <sip:a@127.0.0.1>;tag=1 | From: \"Al\\n  Ice\" <sip:a@127.0.0.1>;tag=1",
        "escaped user | OPTIONS sip:127.0.0.1:5060 | OPTIONS sip:%61lice@127.0.0.1:5060",
        "unknown header | Content-Length: 0 | X-Odd-Header: ;;;,,,\\nContent-Length: 0",
        "lower-case names | Max-Forwards: 70 | max-forwards:   70   ",
        "sips scheme | OPTIONS sip:127.0.0.1:5060 | OPTIONS sips:127.0.0.1:5060",
        "require in CANCEL ignored | Content-Length: 0 | Require: foo\\nContent-Length: 0",
    })
    void oddButLegalRequestsPass(String what, String from, String to) {
        String text = OPTIONS.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
        if (what.contains("CANCEL")) {
            text = text.replace("OPTIONS", "CANCEL");
        }
        assertEquals(Verdict.PASS, judgeText(text), what);
    }

    @Test
    void garbageIsDroppedAndAnAckIsNeverAnswered() {
        assertInstanceOf(Verdict.Drop.class, judgeText("GET / HTTP/1.1\nHost: example\n\n"));
        assertInstanceOf(Verdict.Drop.class, judgeText("\u0016\u0003\u0001 binary junk"));
        assertInstanceOf(Verdict.Drop.class, judgeText(OPTIONS.replace("OPTIONS", "ACK").replace("CSeq: 1 ACK", "CSeq: x ACK")));
        assertInstanceOf(Verdict.Drop.class, judgeText("SIP/2.0 2000 OK\nVia: x\n\n"));
        assertEquals(Verdict.PASS, judgeText("SIP/2.0 180 Ringing\nVia: x\n\n"));
    }

    private static Verdict judgeText(String text) {
        return RULES.check(RawMessage.of(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)), true);
    }
}
