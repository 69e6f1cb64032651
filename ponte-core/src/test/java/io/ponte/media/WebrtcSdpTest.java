package io.ponte.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WebrtcSdpTest {

    @Test
    void ssrcLinesCopiedFromThePhoneAreRemovedAndNothingElse() {
        String fromRtpengine = String.join("\r\n", "v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "t=0 0",
                "m=audio 30000 UDP/TLS/RTP/SAVPF 96 0 8 97 101", "c=IN IP4 127.0.0.1", "a=rtpmap:96 opus/48000/2",
                "a=ssrc-group:FID 287454020 287454021", "a=ssrc:287454020 cname:phone@127.0.0.1",
                "a=ssrc:287454020 msid:- audio", "a=mid:0", "a=ssrcx:not-an-ssrc-line", "a=sendrecv", "");
        assertEquals(String.join("\r\n", "v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "t=0 0",
                "m=audio 30000 UDP/TLS/RTP/SAVPF 96 0 8 97 101", "c=IN IP4 127.0.0.1", "a=rtpmap:96 opus/48000/2",
                "a=mid:0", "a=ssrcx:not-an-ssrc-line", "a=sendrecv", ""), WebrtcSdp.withoutSsrc(fromRtpengine));
    }

    @Test
    void anSdpWithoutSsrcLinesIsUnchanged() {
        String sdp = "v=0\nm=audio 9 UDP/TLS/RTP/SAVPF 111\na=rtpmap:111 opus/48000/2\n";
        assertEquals(sdp, WebrtcSdp.withoutSsrc(sdp));
    }

    @Test
    void aWebrtcPeerIsToldItMayTrickleCandidates() {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 30000 UDP/TLS/RTP/SAVPF 96\r\n"
                + "a=ssrc:1 cname:x\r\na=ice-ufrag:abcd\r\n";
        assertEquals("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=ice-options:trickle\r\n"
                + "m=audio 30000 UDP/TLS/RTP/SAVPF 96\r\na=ice-ufrag:abcd\r\n", WebrtcSdp.forWebrtcPeer(sdp));
    }

    @Test
    void iceOptionsAlreadyThereAreLeftAsTheyAre() {
        String sdp = "v=0\nt=0 0\na=ice-options:trickle renomination\nm=audio 9 UDP/TLS/RTP/SAVPF 111\n";
        assertEquals(sdp, WebrtcSdp.forWebrtcPeer(sdp));
    }
}
