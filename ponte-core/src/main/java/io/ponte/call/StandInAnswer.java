package io.ponte.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The answer Ponte gives on behalf of a callee that has not answered yet, so a click-to-call caller whose
 * phone answered first (its 200 carries the offer, RFC 3725 section 4.1) can be acknowledged at once
 * rather than after the callee picks up. It answers the media server's offer towards the callee: per audio
 * stream the first codec offered plus telephone-event (RFC 4733), sendrecv, at the discard port of the
 * local host; other streams refused (port 0, RFC 3264 section 6). When the callee answers, its real answer
 * replaces this one at the media server; the caller's side, its ports and codec stay as they were, so
 * the caller needs no re-INVITE.
 */
public final class StandInAnswer {

    private static final String ADDRESS = "127.0.0.1";
    private static final int DISCARD_PORT = 9;

    private StandInAnswer() {
    }

    /** The stand-in answer to {@code offer} (an SDP, RFC 4566); its session version is {@code version}. */
    public static String to(String offer, long version) {
        List<String> lines = offer.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        StringBuilder out = new StringBuilder()
                .append("v=0\r\n")
                .append("o=ponte ").append(version).append(' ').append(version).append(" IN IP4 ").append(ADDRESS).append("\r\n")
                .append("s=ponte\r\n")
                .append("c=IN IP4 ").append(ADDRESS).append("\r\n")
                .append("t=0 0\r\n");
        List<String> media = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("m=")) {
                if (!media.isEmpty()) {
                    answerMedia(media, out);
                }
                media = new ArrayList<>();
            }
            if (!media.isEmpty() || line.startsWith("m=")) {
                media.add(line);
            }
        }
        if (!media.isEmpty()) {
            answerMedia(media, out);
        }
        return out.toString();
    }

    private static void answerMedia(List<String> section, StringBuilder out) {
        String[] m = section.get(0).substring(2).split(" ");
        if (m.length < 4 || !m[0].equals("audio")) {
            out.append("m=").append(m[0]).append(" 0 ").append(m.length > 2 ? m[2] : "RTP/AVP").append(' ')
                    .append(m.length > 3 ? m[3] : "0").append("\r\n");
            return;
        }
        List<String> kept = new ArrayList<>();
        boolean codecKept = false;
        for (int i = 3; i < m.length; i++) {
            if (isDtmf(section, m[i])) {
                kept.add(m[i]);
            } else if (!codecKept) {
                kept.add(m[i]);
                codecKept = true;
            }
        }
        out.append("m=audio ").append(DISCARD_PORT).append(' ').append(m[2]).append(' ').append(String.join(" ", kept)).append("\r\n");
        for (String pt : kept) {
            for (String line : section) {
                if (line.startsWith("a=rtpmap:" + pt + " ") || line.startsWith("a=fmtp:" + pt + " ")) {
                    out.append(line).append("\r\n");
                }
            }
        }
        section.stream().filter(l -> l.startsWith("a=crypto:")).findFirst().ifPresent(l -> out.append(l).append("\r\n"));
        out.append("a=sendrecv\r\n");
    }

    private static boolean isDtmf(List<String> section, String pt) {
        return rtpmap(section, pt).toLowerCase(Locale.ROOT).startsWith("telephone-event/");
    }

    private static String rtpmap(List<String> section, String pt) {
        String prefix = "a=rtpmap:" + pt + " ";
        return section.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst().orElse("");
    }
}
