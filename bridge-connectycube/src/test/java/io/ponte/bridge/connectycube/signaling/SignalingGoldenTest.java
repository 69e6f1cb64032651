package io.ponte.bridge.connectycube.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.bridge.connectycube.Golden;
import io.ponte.bridge.connectycube.signaling.SignalingMessage.Accept;
import io.ponte.bridge.connectycube.signaling.SignalingMessage.Call;
import io.ponte.bridge.connectycube.signaling.SignalingMessage.HangUp;
import io.ponte.bridge.connectycube.signaling.SignalingMessage.IceCandidates;
import io.ponte.bridge.connectycube.signaling.SignalingMessage.IceRestart;
import io.ponte.bridge.connectycube.signaling.SignalingMessage.IceRestartAccept;
import io.ponte.bridge.connectycube.signaling.SignalingMessage.Reject;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every signaling stanza the official SDK sent (and Prosody delivered) during the capture decodes,
 * and re-encodes to an equivalent stanza.
 */
class SignalingGoldenTest {
    private static final String ANA_JID = "1001-385@chat.ponte.test";
    private static final String BOB_JID = "1002-385@chat.ponte.test";

    static Stream<Path> sent() {
        return Golden.list("xmpp", ".sent.xml").stream();
    }

    static Stream<Path> received() {
        return Golden.list("xmpp", ".received.xml").stream();
    }

    private static String signalOf(Path p) {
        String n = p.getFileName().toString();
        String base = n.substring(0, n.indexOf('.'));
        return base.substring(base.lastIndexOf('-') + 1);
    }

    private static String scenarioOf(Path p) {
        String n = p.getFileName().toString();
        String base = n.substring(3, n.indexOf('.'));
        return base.substring(0, base.lastIndexOf('-'));
    }

    private static String sessionOf(Path p) throws Exception {
        JsonNode sessions = new ObjectMapper().readTree(Golden.read("capture-summary.json")).path("sessions");
        return switch (scenarioOf(p)) {
            case "accept", "ice-restart", "hangup" -> sessions.path("accept").asText();
            case "reject" -> sessions.path("reject").asText();
            case "no-answer" -> sessions.path("noAnswer").asText();
            default -> throw new IllegalStateException("unknown scenario in " + p);
        };
    }

    @Test
    void theCaptureHoldsEverySignalTheSdkSends() {
        Set<SignalType> seen = EnumSet.noneOf(SignalType.class);
        sent().forEach(p -> seen.add(SignalType.fromWire(signalOf(p))));
        assertEquals(EnumSet.complementOf(EnumSet.of(SignalType.UPDATE)), seen,
                "SDK 6.1.2 sends every signal type but update");
        assertEquals(Golden.list("xmpp", ".sent.xml").size(), Golden.list("xmpp", ".received.xml").size(),
                "each sent stanza was also captured at the receiver");
    }

    @ParameterizedTest
    @MethodSource("sent")
    void decodesWhatTheSdkSentAndEncodesItBackEquivalently(Path file) throws Exception {
        String xml = Golden.read(file);
        SignalingEnvelope env = SignalingCodec.decode(xml);
        assertEquals(signalOf(file), env.message().signalType().wire());
        assertEquals(sessionOf(file), env.message().sessionId());
        assertEquals("web", env.message().platform());
        assertEquals("", env.from(), "a client leaves from= to the server");
        assertFalse(env.delayed());

        String ours = SignalingCodec.encodeMessage(env.to(), env.id(), env.message());
        XmlElement golden = XmlElement.parse(xml);
        String difference = XmlElement.parse(ours).describeDifference(golden);
        assertNull(difference, () -> "our encoding differs from the SDK's: " + difference + "\nours: " + ours);
    }

    @ParameterizedTest
    @MethodSource("received")
    void decodesWhatTheServerDelivered(Path file) throws Exception {
        SignalingEnvelope env = SignalingCodec.decode(Golden.read(file));
        SignalingEnvelope asSent = SignalingCodec.decode(
                Golden.read(file.resolveSibling(file.getFileName().toString().replace(".received.", ".sent."))));
        assertEquals(asSent.message(), env.message(), "the server's re-serialization changes nothing we read");
        assertEquals(asSent.id(), env.id());
        assertTrue(env.from().contains("/"), "delivered with the sender's full JID: " + env.from());
        long expectedSender = env.to().startsWith("1001-") ? 1002 : 1001;
        assertEquals(expectedSender, env.fromUserId());
    }

    private static Path one(String scenario, String signal) {
        List<Path> l = Golden.list("xmpp", "-" + scenario + "-" + signal + ".received.xml");
        assertFalse(l.isEmpty(), "no golden " + scenario + "-" + signal);
        return l.get(0);
    }

    @Test
    void audioCallOfferAsDelivered() throws Exception {
        SignalingEnvelope env = SignalingCodec.decode(Golden.read(one("accept", "call")));
        Call call = assertInstanceOf(Call.class, env.message());
        assertEquals(BOB_JID, env.to());
        assertEquals(new CallContext(CallType.AUDIO, 1001, List.of(1002L)), call.context());
        assertEquals(UserInfo.of("name", "Ana", "ponteCase", "accept"), call.userInfo());
        assertTrue(call.sdp().startsWith("v=0\r\n"), "CRLF restored");
        assertFalse(call.sdp().replace("\r\n", "").contains("\n"), "no bare LF left");
        assertTrue(call.sdp().contains("m=audio 9 UDP/TLS/RTP/SAVPF 111 "));
        assertTrue(call.sdp().contains("a=rtpmap:111 opus/48000/2\r\n"));
    }

    @Test
    void answerRejectAndHangUp() throws Exception {
        Accept accept = assertInstanceOf(Accept.class, SignalingCodec.decode(Golden.read(one("accept", "accept"))).message());
        assertEquals(UserInfo.of("answeredBy", "Bob"), accept.userInfo());
        assertEquals(1001, accept.context().callerId(), "the callee repeats the caller's id");
        assertTrue(accept.sdp().contains("a=setup:active") || accept.sdp().contains("a=setup:passive"));

        Reject reject = assertInstanceOf(Reject.class, SignalingCodec.decode(Golden.read(one("reject", "reject"))).message());
        assertEquals(CallType.VIDEO, reject.context().callType());
        assertEquals("busy", reject.userInfo().get("reason"));

        HangUp hangUp = assertInstanceOf(HangUp.class, SignalingCodec.decode(Golden.read(one("hangup", "hangUp"))).message());
        assertEquals("done", hangUp.userInfo().get("reason"));
        HangUp afterReject = assertInstanceOf(HangUp.class,
                SignalingCodec.decode(Golden.read(one("reject", "hangUp"))).message());
        assertTrue(afterReject.userInfo().isEmpty(), "an empty userInfo is left out by the SDK");
    }

    @Test
    void trickledCandidatesHaveIndexZeroWrittenEmpty() throws Exception {
        Path file = one("accept", "iceCandidates");
        assertTrue(Golden.read(file).contains("<sdpMLineIndex/>") || Golden.read(file).contains("<sdpMLineIndex></sdpMLineIndex>"));
        IceCandidates ice = assertInstanceOf(IceCandidates.class, SignalingCodec.decode(Golden.read(file)).message());
        for (IceCandidate c : ice.candidates()) {
            assertEquals(0, c.sdpMLineIndex());
            assertEquals("0", c.sdpMid());
            assertTrue(c.candidate().startsWith("candidate:"), c.candidate());
        }
        assertEquals(CallType.AUDIO, ice.context().callType());
    }

    @Test
    void iceRestartCarriesOnlySessionAndSdp() throws Exception {
        String restartXml = Golden.read(one("ice-restart", "iceRestart"));
        IceRestart restart = assertInstanceOf(IceRestart.class, SignalingCodec.decode(restartXml).message());
        assertTrue(restart.sdp().startsWith("v=0"));
        XmlElement extra = XmlElement.parse(restartXml).child("extraParams");
        assertEquals(List.of("sessionID", "sdp", "moduleIdentifier", "signalType", "platform"),
                extra.children().stream().map(XmlElement::name).toList());
        assertInstanceOf(IceRestartAccept.class,
                SignalingCodec.decode(Golden.read(one("ice-restart", "iceRestartAccept"))).message());
    }

    @Test
    void anUnansweredCallIsRepeatedWithTheSameSessionAndNoHangUpFollows() throws Exception {
        List<Path> calls = Golden.list("xmpp", "-no-answer-call.received.xml");
        assertTrue(calls.size() >= 2, "the SDK re-sends call while it rings: " + calls);
        Set<String> sessions = new java.util.HashSet<>();
        for (Path p : calls) {
            sessions.add(SignalingCodec.decode(Golden.read(p)).message().sessionId());
        }
        assertEquals(1, sessions.size());
        assertTrue(Golden.list("xmpp", "-no-answer-hangUp.received.xml").isEmpty(),
                "the caller gives up silently");
    }

    @Test
    void encodesHandBuiltMessagesLikeTheSdk() throws Exception {
        Path file = one("hangup", "hangUp").resolveSibling(
                one("hangup", "hangUp").getFileName().toString().replace(".received.", ".sent."));
        XmlElement golden = XmlElement.parse(Golden.read(file));
        String session = sessionOf(file);
        HangUp ours = new HangUp(session, CallContext.oneToOne(CallType.AUDIO, 1001, 1002),
                UserInfo.of("reason", "done"), SignalingMessage.PLATFORM_WEB);
        String xml = SignalingCodec.encodeMessage(BOB_JID, golden.attribute("id"), ours);
        assertNull(XmlElement.parse(xml).describeDifference(golden));

        Path callFile = one("accept", "call").resolveSibling(
                one("accept", "call").getFileName().toString().replace(".received.", ".sent."));
        XmlElement goldenCall = XmlElement.parse(Golden.read(callFile));
        String sdp = goldenCall.child("extraParams").child("sdp").text();
        Call call = new Call(session, CallContext.oneToOne(CallType.AUDIO, 1001, 1002), sdp,
                UserInfo.of("name", "Ana", "ponteCase", "accept"), "web");
        assertNull(XmlElement.parse(SignalingCodec.encodeMessage(BOB_JID, goldenCall.attribute("id"), call))
                .describeDifference(goldenCall));
        assertEquals(ANA_JID, Jids.user(1001, "385", "chat.ponte.test"));
    }
}
