package io.ponte.media.rtpengine;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
