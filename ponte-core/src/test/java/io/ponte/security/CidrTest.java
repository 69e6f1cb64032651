package io.ponte.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class CidrTest {

    private static byte[] ip(String s) throws Exception {
        return InetAddress.getByName(s).getAddress();
    }

    @Test
    void blocksMatchByPrefix() throws Exception {
        assertTrue(Cidr.parse("10.0.0.0/8").contains(ip("10.200.1.1")));
        assertFalse(Cidr.parse("10.0.0.0/8").contains(ip("11.0.0.1")));
        assertTrue(Cidr.parse("192.168.4.0/22").contains(ip("192.168.7.255")));
        assertFalse(Cidr.parse("192.168.4.0/22").contains(ip("192.168.8.0")));
        assertTrue(Cidr.parse("127.0.0.1").contains(ip("127.0.0.1")));
        assertFalse(Cidr.parse("127.0.0.1").contains(ip("127.0.0.2")));
        assertTrue(Cidr.parse("2001:db8::/32").contains(ip("2001:db8:1::5")));
        assertFalse(Cidr.parse("2001:db8::/32").contains(ip("10.0.0.1")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(ip("8.8.8.8")));
    }

    @Test
    void listsAndMistakes() {
        assertEquals(2, Cidr.parseList(" 127.0.0.1/32, ::1/128 ").size());
        assertEquals(0, Cidr.parseList("").size());
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("example.com/24"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/x"));
    }

    @Test
    void onlyAddressLiteralsAreAddresses() {
        assertEquals("0:0:0:0:0:0:0:1", Cidr.literal("::1").getHostAddress());
        assertEquals("192.0.2.7", Cidr.literal("192.0.2.7").getHostAddress());
        assertNull(Cidr.literal("example.com"), "never a DNS lookup");
        assertNull(Cidr.literal("1234"), "a bare number is no address, though InetAddress would read one");
        assertNull(Cidr.literal(null));
    }

    @Test
    void aBlockIsWiderThanASlash24OrSlash48ByItsPrefix() {
        assertTrue(Cidr.parse("0.0.0.0/0").widerThan(24, 48));
        assertTrue(Cidr.parse("198.51.100.0/22").widerThan(24, 48));
        assertFalse(Cidr.parse("192.0.2.0/24").widerThan(24, 48));
        assertFalse(Cidr.parse("192.0.2.7").widerThan(24, 48));
        assertTrue(Cidr.parse("2001:db8::/32").widerThan(24, 48), "an IPv6 /32 is wider than a /48");
        assertFalse(Cidr.parse("2001:db8:1::/48").widerThan(24, 48));
    }
}
