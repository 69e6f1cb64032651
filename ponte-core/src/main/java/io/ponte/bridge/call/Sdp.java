package io.ponte.bridge.call;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ponte.bridge.connectycube.signaling.IceCandidate;

/** The little SDP reading the bridge needs: ICE username fragments per media, and RFC 8840 fragments. */
final class Sdp {

    private Sdp() {
    }

    /**
     * The {@code a=ice-ufrag} in effect for each media section, by its {@code a=mid} (RFC 8839 section 5.4:
     * a session-level value applies to every section that does not give its own).
     */
    static Map<String, String> iceUfrags(String sdp) {
        Map<String, String> byMid = new LinkedHashMap<>();
        String sessionUfrag = null;
        String ufrag = null;
        String mid = null;
        boolean inMedia = false;
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("m=")) {
                if (inMedia && mid != null && (ufrag != null || sessionUfrag != null)) {
                    byMid.put(mid, ufrag != null ? ufrag : sessionUfrag);
                }
                inMedia = true;
                ufrag = null;
                mid = null;
            } else if (line.startsWith("a=ice-ufrag:")) {
                if (inMedia) {
                    ufrag = line.substring("a=ice-ufrag:".length()).trim();
                } else {
                    sessionUfrag = line.substring("a=ice-ufrag:".length()).trim();
                }
            } else if (line.startsWith("a=mid:") && inMedia) {
                mid = line.substring("a=mid:".length()).trim();
            }
        }
        if (inMedia && mid != null && (ufrag != null || sessionUfrag != null)) {
            byMid.put(mid, ufrag != null ? ufrag : sessionUfrag);
        }
        return byMid;
    }

    /**
     * Trickled candidates as an SDP fragment (RFC 8840 section 9.2): for each media id, its ICE username
     * fragment when known, {@code a=mid}, and the candidates. An empty candidate (end of candidates in the
     * browser API) becomes {@code a=end-of-candidates}.
     */
    static String fragment(List<IceCandidate> candidates, Map<String, String> ufrags) {
        Map<String, StringBuilder> byMid = new LinkedHashMap<>();
        for (IceCandidate c : candidates) {
            StringBuilder lines = byMid.computeIfAbsent(c.sdpMid(), k -> new StringBuilder());
            String text = c.candidate().trim();
            if (text.isEmpty()) {
                lines.append("a=end-of-candidates\r\n");
            } else {
                lines.append("a=").append(text.startsWith("candidate:") ? text : "candidate:" + text).append("\r\n");
            }
        }
        StringBuilder out = new StringBuilder();
        byMid.forEach((mid, lines) -> {
            String ufrag = ufrags.get(mid);
            if (ufrag != null) {
                out.append("a=ice-ufrag:").append(ufrag).append("\r\n");
            }
            out.append("a=mid:").append(mid).append("\r\n").append(lines);
        });
        return out.toString();
    }
}
