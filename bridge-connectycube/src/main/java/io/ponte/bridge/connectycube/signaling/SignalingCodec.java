package io.ponte.bridge.connectycube.signaling;

import io.ponte.bridge.connectycube.signaling.SignalingMessage.Accept;
import io.ponte.bridge.connectycube.signaling.SignalingMessage.Call;
import io.ponte.bridge.connectycube.signaling.SignalingMessage.HangUp;
import io.ponte.bridge.connectycube.signaling.SignalingMessage.IceCandidates;
import io.ponte.bridge.connectycube.signaling.SignalingMessage.IceRestart;
import io.ponte.bridge.connectycube.signaling.SignalingMessage.IceRestartAccept;
import io.ponte.bridge.connectycube.signaling.SignalingMessage.Reject;
import io.ponte.bridge.connectycube.signaling.SignalingMessage.Update;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Encodes and decodes ConnectyCube call signaling: a {@code <message type="headline">} whose
 * {@code <extraParams xmlns="jabber:client">} holds one child element per field, in the order the
 * JS SDK 6.1.2 writes them ({@code WebRTCSignalingProvider.sendMessage} and the XMPP chat service's
 * {@code sendWebRTCSignalingMessage}; golden files under {@code src/test/resources/golden/xmpp}):
 *
 * <pre>
 * userInfo?  sessionID  callType  callerID  opponentsIDs/opponentID*  [sdp | iceCandidates/iceCandidate*]
 * moduleIdentifier(WebRTCVideoChat)  signalType  platform
 * </pre>
 *
 * {@code iceRestart} and {@code iceRestartAccept} carry only {@code sessionID} and {@code sdp}.
 *
 * <p>Decoding is strict about what every SDK message has (a clear {@link SignalingFormatException}
 * names the missing or malformed field) and ignores elements it does not know. XML parsing turns the
 * SDP's CRLF line ends into LF (the SDK writes CR unescaped); decoded SDPs get CRLF back
 * (RFC 8866 section 5).
 */
public final class SignalingCodec {
    /** The {@code moduleIdentifier} of 1:1 call signaling. */
    public static final String MODULE_IDENTIFIER = "WebRTCVideoChat";
    public static final String JABBER_CLIENT = "jabber:client";
    private static final String DELAY_NS = "urn:xmpp:delay";

    private SignalingCodec() {
    }

    // ---------------------------------------------------------------- decoding

    /**
     * Decodes a {@code <message>} stanza if it is call signaling: type {@code headline} with an
     * {@code extraParams} whose {@code moduleIdentifier} is {@value #MODULE_IDENTIFIER}. Any other
     * message (chat, system notifications) gives an empty result.
     *
     * @throws SignalingFormatException if the text is not a {@code <message>}, or is call signaling
     *     that cannot be read
     */
    public static Optional<SignalingEnvelope> decodeIfSignaling(String messageXml) {
        return decodeIfSignaling(XmlElement.parse(messageXml));
    }

    /** As {@link #decodeIfSignaling(String)}, for an already parsed stanza. */
    public static Optional<SignalingEnvelope> decodeIfSignaling(XmlElement message) {
        if (!"message".equals(message.name())) {
            throw new SignalingFormatException("expected a <message> stanza, got <" + message.name() + ">");
        }
        XmlElement extra = message.child("extraParams");
        if (!"headline".equals(message.attribute("type")) || extra == null || !isSignaling(extra)) {
            return Optional.empty();
        }
        boolean delayed = message.children().stream()
                .anyMatch(c -> "delay".equals(c.name()) && DELAY_NS.equals(c.namespace()));
        return Optional.of(new SignalingEnvelope(message.attribute("from"), message.attribute("to"),
                message.attribute("id"), delayed, decodeExtraParams(extra)));
    }

    /**
     * Decodes a {@code <message>} that must be call signaling.
     *
     * @throws SignalingFormatException if it is not, or cannot be read
     */
    public static SignalingEnvelope decode(String messageXml) {
        return decodeIfSignaling(messageXml).orElseThrow(() -> new SignalingFormatException(
                "not call signaling: needs type='headline' and extraParams/moduleIdentifier=" + MODULE_IDENTIFIER));
    }

    /** Whether an {@code extraParams} element is call signaling. */
    public static boolean isSignaling(XmlElement extraParams) {
        XmlElement m = extraParams.child("moduleIdentifier");
        return m != null && MODULE_IDENTIFIER.equals(m.text().strip());
    }

    /**
     * Decodes the {@code <extraParams>} element of a signaling message.
     *
     * @throws SignalingFormatException when it is not call signaling or a field is missing or malformed
     */
    public static SignalingMessage decodeExtraParams(String extraParamsXml) {
        return decodeExtraParams(XmlElement.parse(extraParamsXml));
    }

    /** As {@link #decodeExtraParams(String)}, for an already parsed element. */
    public static SignalingMessage decodeExtraParams(XmlElement extra) {
        if (!"extraParams".equals(extra.name())) {
            throw new SignalingFormatException("expected <extraParams>, got <" + extra.name() + ">");
        }
        Set<String> seen = new HashSet<>();
        for (XmlElement c : extra.children()) {
            if (!seen.add(c.name())) {
                throw new SignalingFormatException("extraParams has more than one <" + c.name() + ">");
            }
        }
        if (!isSignaling(extra)) {
            throw new SignalingFormatException("extraParams/moduleIdentifier is not " + MODULE_IDENTIFIER);
        }
        SignalType type = SignalType.fromWire(required(extra, "signalType").strip());
        String sessionId = required(extra, "sessionID").strip();
        if (sessionId.isEmpty()) {
            throw new SignalingFormatException("sessionID is empty");
        }
        XmlElement platformElement = extra.child("platform");
        String platform = platformElement == null ? "" : platformElement.text().strip();
        try {
            return switch (type) {
                case CALL -> new Call(sessionId, context(extra), sdp(extra), userInfo(extra), platform);
                case ACCEPT -> new Accept(sessionId, context(extra), sdp(extra), userInfo(extra), platform);
                case REJECT -> new Reject(sessionId, context(extra), userInfo(extra), platform);
                case HANG_UP -> new HangUp(sessionId, context(extra), userInfo(extra), platform);
                case ICE_CANDIDATES -> new IceCandidates(sessionId, context(extra), candidates(extra), platform);
                case ICE_RESTART -> new IceRestart(sessionId, sdp(extra), platform);
                case ICE_RESTART_ACCEPT -> new IceRestartAccept(sessionId, sdp(extra), platform);
                case UPDATE -> new Update(sessionId, userInfo(extra), platform);
            };
        } catch (SignalingFormatException e) {
            throw new SignalingFormatException(type.wire() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SignalingFormatException(type.wire() + ": " + e.getMessage(), e);
        }
    }

    private static String required(XmlElement extra, String name) {
        XmlElement e = extra.child(name);
        if (e == null) {
            throw new SignalingFormatException("extraParams has no <" + name + ">");
        }
        return e.text();
    }

    private static CallContext context(XmlElement extra) {
        CallType callType = CallType.fromWire(required(extra, "callType"));
        long caller = parseId("callerID", required(extra, "callerID"));
        XmlElement opponents = extra.child("opponentsIDs");
        if (opponents == null) {
            throw new SignalingFormatException("extraParams has no <opponentsIDs>");
        }
        List<Long> ids = new ArrayList<>();
        for (XmlElement o : opponents.children()) {
            if (!"opponentID".equals(o.name())) {
                throw new SignalingFormatException("opponentsIDs may only hold <opponentID>, found <" + o.name() + ">");
            }
            ids.add(parseId("opponentID", o.text()));
        }
        if (ids.isEmpty()) {
            throw new SignalingFormatException("opponentsIDs is empty");
        }
        return new CallContext(callType, caller, ids);
    }

    private static long parseId(String field, String text) {
        String t = text.strip();
        try {
            long v = Long.parseLong(t);
            if (v <= 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new SignalingFormatException(field + " must be a positive user id, got '" + t + "'");
        }
    }

    private static String sdp(XmlElement extra) {
        String raw = required(extra, "sdp");
        String lf = raw.replace("\r\n", "\n").replace('\r', '\n');
        if (!lf.startsWith("v=")) {
            throw new SignalingFormatException("sdp does not start with v=");
        }
        return lf.replace("\n", "\r\n");
    }

    private static UserInfo userInfo(XmlElement extra) {
        XmlElement u = extra.child("userInfo");
        return u == null ? UserInfo.EMPTY : readUserInfo(u);
    }

    private static UserInfo readUserInfo(XmlElement e) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (XmlElement c : e.children()) {
            m.put(c.name(), c.children().isEmpty() ? c.text() : readUserInfo(c));
        }
        return UserInfo.of(m);
    }

    private static List<IceCandidate> candidates(XmlElement extra) {
        XmlElement list = extra.child("iceCandidates");
        if (list == null) {
            throw new SignalingFormatException("extraParams has no <iceCandidates>");
        }
        List<IceCandidate> out = new ArrayList<>();
        for (XmlElement c : list.children()) {
            if (!"iceCandidate".equals(c.name())) {
                throw new SignalingFormatException("iceCandidates may only hold <iceCandidate>, found <" + c.name() + ">");
            }
            XmlElement cand = c.child("candidate");
            if (cand == null || cand.text().isBlank()) {
                throw new SignalingFormatException("iceCandidate " + out.size() + " has no candidate");
            }
            XmlElement mid = c.child("sdpMid");
            XmlElement index = c.child("sdpMLineIndex");
            String indexText = index == null ? "" : index.text().strip();
            int mLine;
            try {
                mLine = indexText.isEmpty() ? 0 : Integer.parseInt(indexText);
            } catch (NumberFormatException e) {
                throw new SignalingFormatException("iceCandidate " + out.size() + " has sdpMLineIndex '" + indexText + "'");
            }
            if (mLine < 0) {
                throw new SignalingFormatException("iceCandidate " + out.size() + " has a negative sdpMLineIndex");
            }
            out.add(new IceCandidate(cand.text().strip(), mid == null ? "" : mid.text().strip(), mLine));
        }
        if (out.isEmpty()) {
            throw new SignalingFormatException("iceCandidates is empty");
        }
        return out;
    }

    // ---------------------------------------------------------------- encoding

    /**
     * The complete stanza the SDK would send: {@code <message to=... type="headline" id=...
     * xmlns="jabber:client"><extraParams xmlns="jabber:client">...}.
     *
     * @param to the recipient's JID (see {@link Jids#user})
     * @param id the stanza id (the SDK uses a BSON-ObjectId-like hex string)
     */
    public static String encodeMessage(String to, String id, SignalingMessage message) {
        if (to == null || to.isBlank() || id == null || id.isBlank()) {
            throw new IllegalArgumentException("to and id are required");
        }
        StringBuilder b = new StringBuilder(256);
        b.append("<message to=\"").append(escapeAttribute(to)).append("\" type=\"headline\" id=\"")
                .append(escapeAttribute(id)).append("\" xmlns=\"").append(JABBER_CLIENT).append("\">");
        appendExtraParams(b, message);
        return b.append("</message>").toString();
    }

    /** Only the {@code <extraParams xmlns="jabber:client">} element. */
    public static String encodeExtraParams(SignalingMessage message) {
        StringBuilder b = new StringBuilder(256);
        appendExtraParams(b, message);
        return b.toString();
    }

    /** The children of {@code extraParams}, without the element itself (for a stanza library that writes it). */
    public static String encodeExtraParamsContent(SignalingMessage message) {
        StringBuilder b = new StringBuilder(256);
        appendContent(b, message);
        return b.toString();
    }

    private static void appendExtraParams(StringBuilder b, SignalingMessage message) {
        b.append("<extraParams xmlns=\"").append(JABBER_CLIENT).append("\">");
        appendContent(b, message);
        b.append("</extraParams>");
    }

    private static void appendContent(StringBuilder b, SignalingMessage message) {
        // Java 17: no pattern matching in switch yet, so an instanceof chain over the sealed type
        if (message instanceof Call m) {
            userInfo(b, m.userInfo());
            head(b, m.sessionId(), m.context());
            leaf(b, "sdp", m.sdp());
        } else if (message instanceof Accept m) {
            userInfo(b, m.userInfo());
            head(b, m.sessionId(), m.context());
            leaf(b, "sdp", m.sdp());
        } else if (message instanceof Reject m) {
            userInfo(b, m.userInfo());
            head(b, m.sessionId(), m.context());
        } else if (message instanceof HangUp m) {
            userInfo(b, m.userInfo());
            head(b, m.sessionId(), m.context());
        } else if (message instanceof IceCandidates m) {
            head(b, m.sessionId(), m.context());
            b.append("<iceCandidates>");
            for (IceCandidate c : m.candidates()) {
                b.append("<iceCandidate>");
                // as the SDK: String(value || ''), so index 0 is written empty
                leaf(b, "sdpMLineIndex", c.sdpMLineIndex() == 0 ? "" : Integer.toString(c.sdpMLineIndex()));
                leaf(b, "sdpMid", c.sdpMid());
                leaf(b, "candidate", c.candidate());
                b.append("</iceCandidate>");
            }
            b.append("</iceCandidates>");
        } else if (message instanceof IceRestart m) {
            leaf(b, "sessionID", m.sessionId());
            leaf(b, "sdp", m.sdp());
        } else if (message instanceof IceRestartAccept m) {
            leaf(b, "sessionID", m.sessionId());
            leaf(b, "sdp", m.sdp());
        } else if (message instanceof Update m) {
            userInfo(b, m.userInfo());
            leaf(b, "sessionID", m.sessionId());
        } else {
            throw new IllegalStateException("unhandled " + message.getClass());
        }
        leaf(b, "moduleIdentifier", MODULE_IDENTIFIER);
        leaf(b, "signalType", message.signalType().wire());
        leaf(b, "platform", message.platform());
    }

    private static void head(StringBuilder b, String sessionId, CallContext c) {
        leaf(b, "sessionID", sessionId);
        leaf(b, "callType", Integer.toString(c.callType().code()));
        leaf(b, "callerID", Long.toString(c.callerId()));
        b.append("<opponentsIDs>");
        for (long id : c.opponentIds()) {
            leaf(b, "opponentID", Long.toString(id));
        }
        b.append("</opponentsIDs>");
    }

    private static void userInfo(StringBuilder b, UserInfo u) {
        if (!u.isEmpty()) {
            object(b, "userInfo", u);
        }
    }

    private static void object(StringBuilder b, String name, UserInfo u) {
        b.append('<').append(name).append('>');
        u.entries().forEach((k, v) -> {
            if (v instanceof UserInfo nested) {
                object(b, k, nested);
            } else {
                leaf(b, k, (String) v);
            }
        });
        b.append("</").append(name).append('>');
    }

    private static void leaf(StringBuilder b, String name, String text) {
        b.append('<').append(name).append('>').append(escapeText(text)).append("</").append(name).append('>');
    }

    static String escapeText(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String escapeAttribute(String s) {
        return escapeText(s).replace("\"", "&quot;").replace("'", "&apos;");
    }
}
