package io.ponte.bridge.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ponte.bridge.connectycube.signaling.IceCandidate;

class SdpTest {

    /** Chromium's answer (through the connectycube SDK) as captured 2026-11-26: one audio section, mid 0. */
    private static final String BROWSER_ANSWER = String.join("\r\n", "v=0", "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
            "s=-", "t=0 0", "a=group:BUNDLE 0", "m=audio 9 UDP/TLS/RTP/SAVPF 111 0", "c=IN IP4 0.0.0.0",
            "a=rtcp:9 IN IP4 0.0.0.0", "a=ice-ufrag:Xw3k", "a=ice-pwd:2hNvqIx0cYtdkNzTnXHq0s9R", "a=ice-options:trickle",
            "a=setup:active", "a=mid:0", "a=sendrecv", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2", "");

    @Test
    void readsTheUfragOfEachMediaSection() {
        assertEquals(Map.of("0", "Xw3k"), Sdp.iceUfrags(BROWSER_ANSWER));
    }

    @Test
    void aSessionLevelUfragAppliesToSectionsWithoutTheirOwn() {
        String sdp = "v=0\r\na=ice-ufrag:sess\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:a\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:v\r\na=ice-ufrag:own\r\n";
        assertEquals(Map.of("a", "sess", "v", "own"), Sdp.iceUfrags(sdp));
    }

    @Test
    void trickledCandidatesBecomeAnRfc8840Fragment() {
        List<IceCandidate> candidates = List.of(
                new IceCandidate("candidate:842163049 1 udp 1677729535 127.0.0.1 50000 typ host generation 0", "0", 0),
                new IceCandidate("", "0", 0));
        assertEquals("a=ice-ufrag:Xw3k\r\na=mid:0\r\n"
                + "a=candidate:842163049 1 udp 1677729535 127.0.0.1 50000 typ host generation 0\r\n"
                + "a=end-of-candidates\r\n", Sdp.fragment(candidates, Sdp.iceUfrags(BROWSER_ANSWER)));
    }

    @Test
    void aCandidateForAnUnknownMediaIdIsStillPassedOn() {
        assertEquals("a=mid:1\r\na=candidate:1 1 udp 2122260223 127.0.0.1 50002 typ host\r\n",
                Sdp.fragment(List.of(new IceCandidate("candidate:1 1 udp 2122260223 127.0.0.1 50002 typ host", "1", 1)), Map.of()));
    }
}
