package io.ponte.bridge.connectycube.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ponte.bridge.connectycube.Golden;
import io.ponte.bridge.connectycube.signaling.SignalingCodec;
import io.ponte.bridge.connectycube.signaling.SignalingEnvelope;
import io.ponte.bridge.connectycube.signaling.SignalingFormatException;
import java.nio.file.Path;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.Test;

/**
 * The stanzas Prosody delivered to the SDK, read by Smack's own parser and handed to the codec as
 * the chat connection does: the result is what the codec reads from the raw capture.
 */
class SmackParsingTest {
    @Test
    void everyDeliveredGoldenStanzaSurvivesSmack() throws Exception {
        for (Path p : Golden.list("xmpp", ".received.xml")) {
            String raw = Golden.read(p);
            Stanza stanza = PacketParserUtils.parseStanza(raw);
            SignalingEnvelope viaSmack = ConnectyCubeChat.signalingOf(stanza).orElseThrow(
                    () -> new AssertionError("not seen as signaling: " + p));
            SignalingEnvelope direct = SignalingCodec.decode(raw);
            assertEquals(direct, viaSmack, p.getFileName().toString());
        }
    }

    @Test
    void otherStanzasAreIgnoredAndBadSignalingIsReported() throws Exception {
        assertTrue(ConnectyCubeChat.signalingOf(PacketParserUtils.parseStanza(
                "<message xmlns='jabber:client' type='chat' from='1001-385@c/r' id='1'><body>hello</body></message>")).isEmpty());
        assertTrue(ConnectyCubeChat.signalingOf(PacketParserUtils.parseStanza(
                "<presence xmlns='jabber:client' from='1001-385@c/r'/>")).isEmpty());
        String delayed = Golden.read(Golden.list("xmpp", "-hangup-hangUp.received.xml").get(0))
                .replace("</message>", "<delay xmlns='urn:xmpp:delay' stamp='2026-11-26T12:00:00Z'/></message>");
        assertTrue(ConnectyCubeChat.signalingOf(PacketParserUtils.parseStanza(delayed)).isEmpty(),
                "offline copies are dropped as the SDK drops them");
        String broken = "<message xmlns='jabber:client' type='headline' from='1001-385@c/r' id='2'><extraParams xmlns='jabber:client'>"
                + "<moduleIdentifier>WebRTCVideoChat</moduleIdentifier><signalType>call</signalType>"
                + "<sessionID>s</sessionID></extraParams></message>";
        assertThrows(SignalingFormatException.class,
                () -> ConnectyCubeChat.signalingOf(PacketParserUtils.parseStanza(broken)));
    }
}
