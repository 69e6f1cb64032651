package io.ponte.bridge.connectycube.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ponte.bridge.connectycube.signaling.SignalingMessage.IceCandidates;
import io.ponte.bridge.connectycube.signaling.SignalingMessage.Reject;
import io.ponte.bridge.connectycube.signaling.SignalingMessage.Update;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Round trips of hand-made messages, and the errors bad input gets. */
class SignalingCodecTest {
    private static final String HEAD = "<message type='headline' id='x1' to='1002-385@chat.test' from='1001-385@chat.test/r'>"
            + "<extraParams xmlns='jabber:client'>";
    private static final String CTX = "<sessionID>s-1</sessionID><callType>2</callType><callerID>1001</callerID>"
            + "<opponentsIDs><opponentID>1002</opponentID></opponentsIDs>";
    private static final String TAIL = "<platform>web</platform></extraParams></message>";

    private static String stanza(String body, String signal) {
        return HEAD + body + "<moduleIdentifier>WebRTCVideoChat</moduleIdentifier><signalType>" + signal
                + "</signalType>" + TAIL;
    }

    private static String error(String xml) {
        return assertThrows(SignalingFormatException.class, () -> SignalingCodec.decode(xml)).getMessage();
    }

    @Test
    void roundTripsEveryKind() {
        CallContext ctx = new CallContext(CallType.VIDEO, 7, List.of(8L, 9L));
        String sdp = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
        UserInfo nested = UserInfo.of(Map.of("outer", UserInfo.of("inner", "a & <b>")));
        List<SignalingMessage> all = List.of(
                new SignalingMessage.Call("s", ctx, sdp, UserInfo.of("k", "v"), "web"),
                new SignalingMessage.Accept("s", ctx, sdp, UserInfo.EMPTY, "web"),
                new Reject("s", ctx, nested, "web"),
                new SignalingMessage.HangUp("s", ctx, UserInfo.EMPTY, "web"),
                new IceCandidates("s", ctx, List.of(new IceCandidate("candidate:1 1 udp 1 127.0.0.1 9 typ host", "0", 0),
                        new IceCandidate("candidate:2 1 udp 1 127.0.0.1 10 typ host", "1", 1)), "web"),
                new SignalingMessage.IceRestart("s", sdp, "web"),
                new SignalingMessage.IceRestartAccept("s", sdp, "web"),
                new Update("s", UserInfo.of("muted", "true"), "web"));
        for (SignalingMessage m : all) {
            SignalingEnvelope env = SignalingCodec.decode(SignalingCodec.encodeMessage("8-1@h", "id-" + m.signalType(), m));
            assertEquals(m, env.message(), m.signalType().wire());
            assertEquals("8-1@h", env.to());
        }
    }

    @Test
    void otherMessagesAreNotSignaling() {
        assertTrue(SignalingCodec.decodeIfSignaling("<message type='chat' id='1'><body>hi</body></message>").isEmpty());
        assertTrue(SignalingCodec.decodeIfSignaling("<message type='headline' id='1'><extraParams xmlns='jabber:client'>"
                + "<moduleIdentifier>SystemNotifications</moduleIdentifier></extraParams></message>").isEmpty());
        assertTrue(SignalingCodec.decodeIfSignaling(stanza(CTX, "hangUp").replace("type='headline'", "type='chat'"))
                .isEmpty(), "the SDK only reads signaling from headline messages");
        assertTrue(error("<presence/>").contains("expected a <message>"));
        assertTrue(error("<message type='chat'/>").contains("not call signaling"));
    }

    @Test
    void delayedStanzasAreMarked() {
        String xml = stanza(CTX, "hangUp").replace(TAIL, TAIL.replace("</message>", "")
                + "<delay xmlns='urn:xmpp:delay' stamp='2026-11-26T12:00:00Z'/></message>");
        assertTrue(SignalingCodec.decode(xml).delayed());
    }

    @Test
    void badInputGetsAClearError() {
        assertTrue(error("<message type='headline'><extraParams>").contains("malformed XML"));
        assertTrue(error(stanza(CTX, "dance")).contains("unknown signalType 'dance'"));
        assertTrue(error(stanza(CTX.replace("<sessionID>s-1</sessionID>", ""), "hangUp")).contains("no <sessionID>"));
        assertTrue(error(stanza(CTX.replace("<callType>2", "<callType>3"), "hangUp")).contains("callType must be 1"));
        assertTrue(error(stanza(CTX.replace("<callerID>1001", "<callerID>ana"), "reject"))
                .contains("callerID must be a positive user id, got 'ana'"));
        assertTrue(error(stanza(CTX.replace("<opponentID>1002</opponentID>", ""), "hangUp")).contains("opponentsIDs is empty"));
        assertTrue(error(stanza(CTX, "call")).contains("call: extraParams has no <sdp>"));
        assertTrue(error(stanza(CTX + "<sdp>hello</sdp>", "accept")).contains("sdp does not start with v="));
        assertTrue(error(stanza(CTX + "<iceCandidates/>", "iceCandidates")).contains("iceCandidates is empty"));
        assertTrue(error(stanza(CTX + "<iceCandidates><iceCandidate><sdpMLineIndex>x</sdpMLineIndex>"
                + "<candidate>candidate:1</candidate></iceCandidate></iceCandidates>", "iceCandidates"))
                .contains("sdpMLineIndex 'x'"));
        assertTrue(error(stanza(CTX + "<sessionID>again</sessionID>", "hangUp")).contains("more than one <sessionID>"));
        assertTrue(error("<message type='headline'><extraParams><moduleIdentifier>WebRTCVideoChat</moduleIdentifier>"
                + "</extraParams></message>").contains("no <signalType>"));
        assertThrows(SignalingFormatException.class, () -> SignalingCodec.decodeExtraParams("<other/>"));
        assertThrows(SignalingFormatException.class, () -> SignalingCodec.decode(""));
        assertThrows(SignalingFormatException.class, () -> Jids.userId("ana@chat.test"));
        assertEquals(1001, Jids.userId("1001-385@chat.test/res"));
    }

    @Test
    void valuesAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new Reject(" ", CallContext.oneToOne(CallType.AUDIO, 1, 2), null, "web"));
        assertThrows(IllegalArgumentException.class, () -> new CallContext(CallType.AUDIO, 1, List.of()));
        assertThrows(IllegalArgumentException.class, () -> UserInfo.of("not a name", "v"));
        assertThrows(IllegalArgumentException.class, () -> new IceCandidates("s", CallContext.oneToOne(CallType.AUDIO, 1, 2), List.of(), "web"));
        assertThrows(IllegalArgumentException.class,
                () -> new SignalingMessage.Call("s", CallContext.oneToOne(CallType.AUDIO, 1, 2), "nope", null, "web"));
    }
}
