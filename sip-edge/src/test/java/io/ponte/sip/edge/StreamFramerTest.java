package io.ponte.sip.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class StreamFramerTest {

    private static final String COMPACT = "MESSAGE sip:201@x SIP/2.0\r\nv: SIP/2.0/TCP h;branch=z9hG4bK1\r\ni: abc\r\n"
            + "c: text/plain\r\nl  : 5\r\n\r\nhello";

    private static String text(StreamFramer.Frame f) {
        return new String(f.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void compactContentLengthAndCallIdAreSpelledOutAndTheBodyKept() {
        List<StreamFramer.Frame> frames = new StreamFramer(8192).push(COMPACT.getBytes(StandardCharsets.UTF_8));
        assertEquals(1, frames.size());
        assertTrue(frames.get(0).message());
        assertTrue(frames.get(0).hasCallId());
        assertEquals("MESSAGE sip:201@x SIP/2.0\r\nv: SIP/2.0/TCP h;branch=z9hG4bK1\r\nCall-ID: abc\r\n"
                + "c: text/plain\r\nContent-Length: 5\r\n\r\nhello", text(frames.get(0)));
    }

    @Test
    void messagesSplitAnywhereAndBackToBackComeOutWhole() {
        byte[] two = (COMPACT + "\r\n\r\n" + COMPACT.replace("i: abc", "Call-ID: def")).getBytes(StandardCharsets.UTF_8);
        StreamFramer framer = new StreamFramer(8192);
        List<StreamFramer.Frame> frames = new ArrayList<>();
        for (int i = 0; i < two.length; i += 7) {
            frames.addAll(framer.push(java.util.Arrays.copyOfRange(two, i, Math.min(two.length, i + 7))));
        }
        List<StreamFramer.Frame> messages = frames.stream().filter(StreamFramer.Frame::message).toList();
        assertEquals(2, messages.size());
        assertTrue(text(messages.get(1)).contains("Call-ID: def\r\n"));
        assertTrue(text(messages.get(1)).endsWith("hello"));
        assertEquals("\r\n\r\n", frames.stream().filter(f -> !f.message()).map(StreamFramerTest::text).reduce("", String::concat),
                "the keep-alive between them is passed on");
    }

    @Test
    void aMessageWithoutCallIdIsFlagged() {
        StreamFramer.Frame f = new StreamFramer(8192).push("OPTIONS sip:x SIP/2.0\r\nCSeq: 1 OPTIONS\r\n\r\n"
                .getBytes(StandardCharsets.UTF_8)).get(0);
        assertTrue(f.message());
        assertFalse(f.hasCallId());
    }

    @Test
    void anUnreadableContentLengthEndsFramingAndEverythingPassesOnAsItIs() {
        StreamFramer framer = new StreamFramer(8192);
        String bad = "OPTIONS sip:x SIP/2.0\r\nCall-ID: a\r\nContent-Length: -5\r\n\r\nrest";
        List<StreamFramer.Frame> frames = framer.push(bad.getBytes(StandardCharsets.UTF_8));
        assertEquals(bad, text(frames.get(0)));
        assertFalse(frames.get(0).message());
        assertEquals("more", text(framer.push("more".getBytes(StandardCharsets.UTF_8)).get(0)));
    }
}
