package io.ponte.trunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.ponte.security.Cidr;

class TrunkLinesTest {

    private static final byte[] PROVIDER = {(byte) 192, 0, 2, 10};
    private static final byte[] PBX = {(byte) 198, 51, 100, 7};

    private static TrunkLine line(long id, String transport, DialPlan plan) throws Exception {
        return line(id, transport, false, plan);
    }

    private static TrunkLine line(long id, String transport, boolean tlsOnly, DialPlan plan) throws Exception {
        return new TrunkLine(id, "t" + id, "sip.provider.example", 5060, transport, "acct", "secret",
                InetAddress.getByAddress(PROVIDER), 0, tlsOnly, plan);
    }

    @Test
    void anOutsideLinePrefixIsStrippedAndTheCountryCodeAdded() {
        DialPlan plan = new DialPlan(List.of("0"), 1, "+49", null, Map.of(), List.of(), Map.of(), null);
        assertEquals(Optional.of("+4930123456"), plan.outbound("030123456"));
        assertEquals(Optional.empty(), plan.outbound("201"), "no prefix matches an extension");
        assertEquals(Optional.empty(), plan.outbound("0"), "nothing is left to dial after the strip");
    }

    @Test
    void theLongestPrefixChoosesTheTrunkAndTiesGoToTheOlderTrunk() throws Exception {
        TrunkLine national = line(2, "udp", new DialPlan(List.of("0"), 1, "+49", null, Map.of(), List.of(), Map.of(), null));
        TrunkLine international = line(3, "udp", new DialPlan(List.of("00", "+"), 0, "", null, Map.of(), List.of(), Map.of(), null));
        TrunkLine backup = line(5, "udp", new DialPlan(List.of("0"), 0, "", null, Map.of(), List.of(), Map.of(), null));
        TrunkLines lines = new TrunkLines(List.of(backup, international, national));
        assertEquals("t3", lines.outbound("0044207").orElseThrow().line().name());
        assertEquals("0044207", lines.outbound("0044207").orElseThrow().number());
        assertEquals("t3", lines.outbound("+44207").orElseThrow().line().name());
        assertEquals(new TrunkLines.Outbound(national, "+4930123", null), lines.outbound("030123").orElseThrow());
        assertTrue(lines.outbound("2001").isEmpty());
    }

    @Test
    void theLongestClassedPrefixGivesTheDialedNumbersClassWhateverPrefixRoutesIt() throws Exception {
        DialPlan plan = new DialPlan(List.of("0"), 1, "", null, Map.of("00", "international", "0900", "premium", "0", "national"),
                List.of(), Map.of(), null);
        assertEquals("international", plan.classOf("0044207"));
        assertEquals("premium", plan.classOf("0900123"));
        assertEquals("national", plan.classOf("030123"));
        assertEquals(null, plan.classOf("123"), "a number no prefix classes has no class");
        TrunkLines lines = new TrunkLines(List.of(line(1, "udp", plan)));
        assertEquals("international", lines.outbound("0044207").orElseThrow().dialClass(), "classed as dialed, before the strip");
        assertEquals(plan.classes(), DialPlan.splitClasses(plan.classesText()), "stored and read back");
    }

    @Test
    void withoutSourcesATrunkIsKnownByItsAddressAndUdpPort() throws Exception {
        TrunkLine udp = line(1, "udp", DialPlan.NONE);
        assertTrue(udp.sentFrom(PROVIDER, 5060, "udp"));
        assertFalse(udp.sentFrom(PROVIDER, 5062, "udp"), "another UDP port of that host is someone else");
        assertFalse(udp.sentFrom(PBX, 5060, "udp"));
        assertTrue(line(1, "tcp", DialPlan.NONE).sentFrom(PROVIDER, 40312, "tcp"), "a TCP connection's port is ephemeral");
    }

    @Test
    void aTlsOnlyTrunksCallsAreItsOwnOnlyOverTls() throws Exception {
        TrunkLine pbx = line(6, "tls", true, new DialPlan(List.of(), 0, "", null, Map.of(), List.of(Cidr.parse("198.51.100.0/24")),
                Map.of(), null));
        assertTrue(pbx.sentFrom(PBX, 40001, "TLS"));
        assertFalse(pbx.sentFrom(PBX, 5060, "UDP"), "a UDP source can be forged");
        assertFalse(pbx.sentFrom(PBX, 40002, "tcp"));
        assertEquals(Optional.empty(), new TrunkLines(List.of(pbx)).from(PBX, 5060, "udp"));
    }

    @Test
    void listedSourcesReplaceTheTrunksOwnAddress() throws Exception {
        TrunkLine pbx = line(4, "udp", new DialPlan(List.of(), 0, "", null, Map.of(), List.of(Cidr.parse("198.51.100.0/24")), Map.of(), null));
        assertTrue(pbx.sentFrom(PBX, 1234, "udp"));
        assertFalse(pbx.sentFrom(PROVIDER, 5060, "udp"));
        assertEquals(Optional.of(pbx), new TrunkLines(List.of(pbx)).from(PBX, 5060, "udp"));
    }

    @Test
    void calledNumbersMapToExtensionsOrAreExtensionsThemselves() {
        DialPlan plan = new DialPlan(List.of(), 0, "", null, Map.of(), List.of(), Map.of("+4930123456", "201", "4930123457", "*202"), "200");
        assertEquals(Optional.of("201"), plan.inboundTarget("+4930123456"));
        assertEquals(Optional.of("*202"), plan.inboundTarget("4930123457"), "202's app, called from 200's identity");
        assertEquals(Optional.of("203"), plan.inboundTarget("203"));
        assertEquals(Optional.empty(), plan.inboundTarget("+4930999"), "an unmapped DID is no extension");
    }

    @Test
    void thePasswordIsNeverPrinted() throws Exception {
        assertFalse(line(1, "udp", DialPlan.NONE).toString().contains("secret"));
    }
}
