package io.ponte.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StandInAnswerTest {

    /** rtpengine's offer towards a phone for a caller offering PCMU, PCMA and telephone-event, and video. */
    private static final String OFFER = """
            v=0
            o=- 1764150000 1764150000 IN IP4 127.0.0.1
            s=-
            c=IN IP4 127.0.0.1
            t=0 0
            m=audio 30000 RTP/AVP 0 8 101
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-16
            a=sendrecv
            a=rtcp:30001
            m=video 30002 RTP/AVP 96
            a=rtpmap:96 H264/90000
            """;

    @Test
    void answersTheFirstCodecAndTelephoneEventAtTheDiscardPortAndRefusesVideo() {
        assertEquals("""
                v=0\r
                o=ponte 7 7 IN IP4 127.0.0.1\r
                s=ponte\r
                c=IN IP4 127.0.0.1\r
                t=0 0\r
                m=audio 9 RTP/AVP 0 101\r
                a=rtpmap:0 PCMU/8000\r
                a=rtpmap:101 telephone-event/8000\r
                a=fmtp:101 0-16\r
                a=sendrecv\r
                m=video 0 RTP/AVP 96\r
                """, StandInAnswer.to(OFFER, 7));
    }

    @Test
    void keepsTheProfileAndOneKeyOfAnSrtpOffer() {
        String savp = """
                v=0\r
                o=- 1 1 IN IP4 10.0.0.1\r
                s=-\r
                c=IN IP4 10.0.0.1\r
                t=0 0\r
                m=audio 4000 RTP/SAVP 8\r
                a=rtpmap:8 PCMA/8000\r
                a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\r
                a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:c2VtY3RsICgpIHsJMjIwO30KfQp1bmxlc3MgKGxp\r
                """;
        String answer = StandInAnswer.to(savp, 1);
        assertEquals(true, answer.contains("m=audio 9 RTP/SAVP 8\r\n"), answer);
        assertEquals(true, answer.contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80"), answer);
        assertEquals(false, answer.contains("a=crypto:2"), answer);
    }
}
