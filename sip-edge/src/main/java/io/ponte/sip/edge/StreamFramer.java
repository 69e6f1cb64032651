package io.ponte.sip.edge;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Finds the messages in a SIP byte stream (RFC 3261 section 18.3: a header ended by a blank line, then
 * Content-Length bytes of body) and rewrites the two fields the stack's own TCP framing reads into the
 * form it understands. JAIN-SIP's NIO framing only recognises {@code Content-Length:} and
 * {@code Call-ID:} spelled out, right before the colon: a compact {@code l:} or {@code i:} (section 7.3.3)
 * or a blank before the colon made it read a body of zero bytes or refuse the message and close the
 * connection. Everything else passes byte for byte (but an unknown header whose name merely starts like
 * one of those two, which gets an {@code X-} in front so the stack's framing does not take it for them).
 */
final class StreamFramer {

    /** One piece of the stream: a message (normalised header plus body), or bytes to pass on as they are. */
    record Frame(byte[] bytes, boolean message, boolean hasCallId) {
    }

    private static final byte[] END_OF_HEADER = {'\r', '\n', '\r', '\n'};

    private final int maxMessageSize;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean passThrough;

    StreamFramer(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    /** The frames complete after {@code chunk}; an incomplete message stays until more bytes come. */
    List<Frame> push(byte[] chunk) {
        List<Frame> frames = new ArrayList<>(1);
        if (passThrough) {
            frames.add(new Frame(chunk, false, false));
            return frames;
        }
        pending.writeBytes(chunk);
        byte[] buf = pending.toByteArray();
        int at = 0;
        while (at < buf.length) {
            int lead = at;
            while (lead < buf.length && (buf[lead] == '\r' || buf[lead] == '\n')) {
                lead++;
            }
            if (lead > at) { // keep-alives and blank lines between messages go on as they are
                frames.add(new Frame(Arrays.copyOfRange(buf, at, lead), false, false));
                at = lead;
                continue;
            }
            int end = indexOf(buf, END_OF_HEADER, at);
            if (end < 0) {
                if (buf.length - at > maxMessageSize) {
                    return giveUp(frames, buf, at); // the stack answers or closes an oversized header
                }
                break;
            }
            String head = new String(buf, at, end - at, StandardCharsets.UTF_8);
            Normalised n = normalise(head);
            if (n.contentLength < 0) {
                return giveUp(frames, buf, at); // no framing to trust: the stack refuses it and closes
            }
            int bodyStart = end + END_OF_HEADER.length;
            if (buf.length - bodyStart < n.contentLength) {
                break;
            }
            ByteArrayOutputStream message = new ByteArrayOutputStream(n.head.length() + 4 + n.contentLength);
            message.writeBytes(n.head.getBytes(StandardCharsets.UTF_8));
            message.writeBytes(END_OF_HEADER);
            message.write(buf, bodyStart, n.contentLength);
            frames.add(new Frame(message.toByteArray(), true, n.hasCallId));
            at = bodyStart + n.contentLength;
        }
        pending.reset();
        pending.write(buf, at, buf.length - at);
        return frames;
    }

    private List<Frame> giveUp(List<Frame> frames, byte[] buf, int at) {
        passThrough = true;
        frames.add(new Frame(Arrays.copyOfRange(buf, at, buf.length), false, false));
        pending.reset();
        return frames;
    }

    private record Normalised(String head, int contentLength, boolean hasCallId) {
    }

    /** The header with Content-Length and Call-ID spelled out; content length -1 when unreadable. */
    private static Normalised normalise(String head) {
        String[] lines = head.split("\r\n", -1);
        int length = 0;
        boolean callId = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                continue;
            }
            String name = RawMessage.canonicalName(line.substring(0, colon).strip());
            String value = line.substring(colon + 1).strip();
            if (name.equals("Content-Length")) {
                length = value.matches("\\d{1,9}") ? Integer.parseInt(value) : -1;
                if (length < 0) {
                    return new Normalised(head, -1, callId);
                }
                lines[i] = "Content-Length: " + value;
            } else if (name.equals("Call-ID")) {
                callId = !value.isEmpty();
                lines[i] = "Call-ID: " + value;
            } else if (name.toLowerCase(Locale.ROOT).startsWith("content-length") || name.toLowerCase(Locale.ROOT).startsWith("call-id")) {
                lines[i] = "X-" + line; // another header whose name merely starts like one the stack's framing reads
            }
        }
        return new Normalised(String.join("\r\n", lines), length, callId);
    }

    private static int indexOf(byte[] buf, byte[] what, int from) {
        outer:
        for (int i = from; i <= buf.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (buf[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
