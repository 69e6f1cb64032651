package io.ponte.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** An address block such as {@code 10.0.0.0/8} or {@code 2001:db8::/32} (RFC 4632); a bare address is a /32 or /128. */
public record Cidr(byte[] network, int prefix) {

    public Cidr {
        network = network.clone();
    }

    /** Parses {@code text}; only literal addresses, never a host name (no DNS at startup or per request). */
    public static Cidr parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        InetAddress literal = literal(slash < 0 ? t : t.substring(0, slash));
        if (literal == null) {
            throw new IllegalArgumentException("not an address block: " + text);
        }
        byte[] bytes = literal.getAddress();
        int prefix;
        try {
            prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an address block: " + text, e);
        }
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("prefix out of range in " + text);
        }
        return new Cidr(bytes, prefix);
    }

    /**
     * {@code text} as an IPv4 or IPv6 address literal, or null when it is none: never a host name, so never
     * a DNS lookup (at startup, or for a request's source).
     */
    public static InetAddress literal(String text) {
        if (text == null || !text.matches("[0-9a-fA-F.:]{2,45}") || !(text.contains(".") || text.contains(":"))) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** A comma-separated list; blank gives none. */
    public static List<Cidr> parseList(String text) {
        List<Cidr> out = new ArrayList<>();
        if (text != null) {
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    out.add(parse(part));
                }
            }
        }
        return List.copyOf(out);
    }

    /** Whether {@code address} (raw bytes of an IPv4 or IPv6 address) lies in this block. */
    /** Whether this block holds more addresses than a /{@code v4Prefix} (IPv4) or /{@code v6Prefix} (IPv6) does. */
    public boolean widerThan(int v4Prefix, int v6Prefix) {
        return prefix < (network.length == 4 ? v4Prefix : v6Prefix);
    }

    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[full] & mask) == (network[full] & mask);
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && java.util.Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(network) * 31 + prefix;
    }
}
