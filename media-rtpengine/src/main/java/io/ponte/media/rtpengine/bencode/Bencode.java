package io.ponte.media.rtpengine.bencode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bencode, the encoding of rtpengine's ng protocol (docs/ng_control_protocol.md; BitTorrent BEP 3):
 * byte strings {@code 4:ping}, integers {@code i42e}, lists {@code l...e} and dictionaries
 * {@code d...e}.
 *
 * <p>Java mapping: {@link String} (UTF-8) or {@code byte[]} for byte strings, {@link Long} (any
 * {@link Number} when encoding) for integers, {@link List} for lists and {@link Map} with string keys for
 * dictionaries. Decoded byte strings become Strings; dictionaries keep the order they arrived in.
 * Encoded dictionaries list their keys in byte order, as BEP 3 requires, so an encoding is deterministic.
 */
public final class Bencode {

    private static final int MAX_DEPTH = 64;

    private Bencode() {
    }

    public static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        write(out, value, 0);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new BencodeException("nested deeper than " + MAX_DEPTH);
        }
        if (value instanceof String s) {
            writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof byte[] b) {
            writeBytes(out, b);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            ascii(out, "i" + ((Number) value).longValue() + "e");
        } else if (value instanceof Boolean b) {
            ascii(out, b ? "i1e" : "i0e");
        } else if (value instanceof List<?> list) {
            out.write('l');
            for (Object item : list) {
                write(out, item, depth + 1);
            }
            out.write('e');
        } else if (value instanceof Map<?, ?> map) {
            TreeMap<byte[], Object> sorted = new TreeMap<>(Arrays::compareUnsigned);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new BencodeException("dictionary keys must be strings, got " + e.getKey());
                }
                if (e.getValue() != null) {
                    sorted.put(key.getBytes(StandardCharsets.UTF_8), e.getValue());
                }
            }
            out.write('d');
            for (Map.Entry<byte[], Object> e : sorted.entrySet()) {
                writeBytes(out, e.getKey());
                write(out, e.getValue(), depth + 1);
            }
            out.write('e');
        } else {
            throw new BencodeException("cannot bencode " + (value == null ? "null" : value.getClass().getName()));
        }
    }

    private static void writeBytes(ByteArrayOutputStream out, byte[] bytes) {
        ascii(out, Integer.toString(bytes.length));
        out.write(':');
        out.writeBytes(bytes);
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** Decodes exactly one value that must span all of {@code data}. */
    public static Object decode(byte[] data) {
        return decode(data, 0, data.length);
    }

    /** Decodes exactly one value that must span {@code data[offset, offset + length)}. */
    public static Object decode(byte[] data, int offset, int length) {
        Reader r = new Reader(data, offset, offset + length);
        Object value = r.value(0);
        if (r.pos != r.end) {
            throw new BencodeException("trailing bytes after the value at offset " + r.pos);
        }
        return value;
    }

    /** Decodes a dictionary, the only top-level value the ng protocol uses. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> decodeDictionary(byte[] data, int offset, int length) {
        Object v = decode(data, offset, length);
        if (!(v instanceof Map)) {
            throw new BencodeException("expected a dictionary");
        }
        return (Map<String, Object>) v;
    }

    private static final class Reader {
        private final byte[] data;
        private final int end;
        private int pos;

        Reader(byte[] data, int start, int end) {
            this.data = data;
            this.pos = start;
            this.end = end;
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw new BencodeException("nested deeper than " + MAX_DEPTH);
            }
            if (pos >= end) {
                throw new BencodeException("unexpected end of data");
            }
            byte b = data[pos];
            if (b == 'i') {
                pos++;
                return integer('e');
            }
            if (b == 'l') {
                pos++;
                List<Object> list = new ArrayList<>();
                while (peek() != 'e') {
                    list.add(value(depth + 1));
                }
                pos++;
                return list;
            }
            if (b == 'd') {
                pos++;
                Map<String, Object> map = new LinkedHashMap<>();
                while (peek() != 'e') {
                    if (peek() < '0' || peek() > '9') {
                        throw new BencodeException("dictionary key is not a byte string at offset " + pos);
                    }
                    String key = new String(bytes(), StandardCharsets.UTF_8);
                    if (map.put(key, value(depth + 1)) != null) {
                        throw new BencodeException("duplicate dictionary key '" + key + "'");
                    }
                }
                pos++;
                return map;
            }
            if (b >= '0' && b <= '9') {
                return new String(bytes(), StandardCharsets.UTF_8);
            }
            throw new BencodeException("unexpected byte '" + (char) b + "' at offset " + pos);
        }

        private byte peek() {
            if (pos >= end) {
                throw new BencodeException("unexpected end of data");
            }
            return data[pos];
        }

        private byte[] bytes() {
            long len = integer(':');
            if (len < 0 || len > end - pos) {
                throw new BencodeException("byte string of length " + len + " runs past the end");
            }
            byte[] out = Arrays.copyOfRange(data, pos, pos + (int) len);
            pos += (int) len;
            return out;
        }

        private long integer(char terminator) {
            int start = pos;
            while (pos < end && data[pos] != terminator) {
                byte c = data[pos];
                if (!(c >= '0' && c <= '9') && !(c == '-' && pos == start)) {
                    throw new BencodeException("bad digit '" + (char) c + "' at offset " + pos);
                }
                pos++;
            }
            if (pos >= end) {
                throw new BencodeException("unterminated number");
            }
            String digits = new String(data, start, pos - start, StandardCharsets.US_ASCII);
            pos++;
            if (digits.isEmpty() || digits.equals("-") || (digits.length() > 1 && digits.startsWith("0"))
                    || digits.startsWith("-0")) {
                throw new BencodeException("malformed number '" + digits + "'");
            }
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw new BencodeException("number out of range '" + digits + "'");
            }
        }
    }
}
