package io.ponte.media.rtpengine.bencode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ponte.media.rtpengine.Golden;

/**
 * The golden files were written by an independent bencode implementation; Ponte's codec must produce
 * them byte for byte and read them back to the same values.
 */
class BencodeGoldenTest {

    @Test
    void pingRequestIsTheOneInTheProtocolDocument() {
        assertEquals("d7:command4:pinge", new String(Bencode.encode(Map.of("command", "ping")), StandardCharsets.US_ASCII));
        assertArrayEquals(Golden.bytes("ping.request"), Bencode.encode(Map.of("command", "ping")));
    }

    @Test
    void offerWithSdpEncodesWithSortedKeysAndExactLengths() {
        Map<String, Object> offer = new LinkedHashMap<>();
        offer.put("command", "offer");
        offer.put("call-id", "c0ffee@127.0.0.1");
        offer.put("from-tag", "as8a7f");
        offer.put("sdp", Golden.text("sdp-phone-offer.sdp"));
        offer.put("replace", List.of("origin", "session-connection"));
        offer.put("ICE", "remove");
        offer.put("transport-protocol", "RTP/AVP");
        offer.put("rtcp-mux", List.of("demux"));
        assertArrayEquals(Golden.bytes("offer-anchored.request"), Bencode.encode(offer));
        assertEquals(offer, Bencode.decode(Golden.bytes("offer-anchored.request")));
    }

    @Test
    void integersListsUnicodeAndEmptyValuesRoundTrip() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "Jos\u00e9 \u260e");
        value.put("list", List.of(1L, -7L, "x", List.of(), Map.of()));
        value.put("empty", "");
        assertArrayEquals(Golden.bytes("unicode.value"), Bencode.encode(value));
        assertEquals(value, Bencode.decode(Golden.bytes("unicode.value")));
    }

    @Test
    void decodedDictionariesKeepTheirOrderAndNullsAreLeftOut() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1L);
        m.put("a", null);
        assertEquals("d1:bi1ee", new String(Bencode.encode(m), StandardCharsets.US_ASCII));
        assertEquals(List.of("z", "a"), List.copyOf(Bencode.decodeDictionary("d1:zi1e1:ai2ee".getBytes(StandardCharsets.US_ASCII), 0, 14).keySet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "i12", "ie", "i-0e", "i03e", "5:abc", "d3:keye", "di1ei2ee", "l", "x", "i1ei2e",
            "d1:ai1e1:ai2ee", "-1:a", "99999999999999999999:a"})
    void malformedInputIsRejectedWithAReason(String bad) {
        BencodeException e = assertThrows(BencodeException.class, () -> Bencode.decode(bad.getBytes(StandardCharsets.US_ASCII)));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }

    @Test
    void unsupportedValuesAreRejected() {
        assertThrows(BencodeException.class, () -> Bencode.encode(3.5));
        assertThrows(BencodeException.class, () -> Bencode.encode(Map.of(1, "x")));
    }
}
