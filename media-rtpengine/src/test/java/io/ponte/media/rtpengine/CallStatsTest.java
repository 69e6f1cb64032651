package io.ponte.media.rtpengine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.ponte.media.rtpengine.bencode.Bencode;

/** A query reply shaped like the example in the ng protocol document, as a golden file. */
class CallStatsTest {

    @Test
    void queryReplyIsReadPerTagAndInTotal() {
        CallStats s = CallStats.from(Bencode.decodeDictionary(Golden.bytes("query.reply"), 0, Golden.bytes("query.reply").length));
        assertEquals(1795300000L, s.created());
        assertEquals(List.of("as8a7f", "b2tag"), List.copyOf(s.tags().keySet()));
        assertEquals(new CallStats.Counters(198, 34056, 1), s.rtpTotal());
        assertEquals(new CallStats.Counters(8, 1088, 0), s.rtcpTotal());
        CallStats.TagStats caller = s.tags().get("as8a7f");
        assertEquals("b2tag", caller.inDialogueWith());
        CallStats.StreamStats rtp = caller.medias().get(0).streams().get(0);
        assertEquals(30000, rtp.localPort());
        assertEquals("127.0.0.1:40000", rtp.endpoint());
        assertEquals(new CallStats.Counters(100, 17200, 0), rtp.counters());
        assertEquals("RTP/AVP", caller.medias().get(0).protocol());
    }

    /**
     * A delete reply captured from rtpengine 10.5 after 200 PCMU packets each way and RTCP sender and
     * receiver reports: only the caller's source (SSRC 0x1111) had a receiver report rtpengine matched to a
     * sender report, so only it carries a MOS.
     */
    @Test
    void deleteReplyGivesQualityPerSource() {
        byte[] reply = Golden.bytes("delete-with-mos.reply");
        CallStats s = CallStats.from(Bencode.decodeDictionary(reply, 0, reply.length));
        assertEquals(0x1111L, s.tags().get("caller-tag").medias().get(0).streams().get(0).ssrc());
        CallStats.SsrcQuality q = s.sentBy("caller-tag");
        assertEquals(4.4, q.averageMos(), 1e-9);
        assertEquals(4.4, q.lowestMos(), 1e-9);
        assertEquals(0, q.cumulativeLoss());
        assertEquals(1, q.jitterMillis());
        assertEquals(420, q.roundTripMicros());
        assertNull(s.sentBy("callee-tag"), "no matched receiver report about the callee's source");
        assertNull(s.sentBy("no-such-tag"));
        assertEquals(new CallStats.Counters(380, 65360, 0), s.rtpTotal());
    }

    @Test
    void replyWithoutReportsHasNoQuality() {
        byte[] reply = Golden.bytes("query.reply");
        CallStats s = CallStats.from(Bencode.decodeDictionary(reply, 0, reply.length));
        assertTrue(s.ssrcs().isEmpty());
        assertNull(s.sentBy("as8a7f"));
    }
}
