package io.ponte.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.ponte.call.CallRouting.Route;
import io.ponte.dialing.CallRights;
import io.ponte.media.MediaAnchor;
import io.ponte.media.MediaTotals;
import io.ponte.sip.Extension;
import io.ponte.subscriber.SubscriberDirectory;
import io.ponte.trunk.DialPlan;
import io.ponte.trunk.TrunkDirectory;
import io.ponte.trunk.TrunkLine;
import io.ponte.trunk.TrunkLines;

/** Toll-fraud rules without SIP or a database: classes of number, call limits, no hairpin through a trunk. */
class DialingPolicyTest {

    private static final DialPlan PLAN = new DialPlan(List.of("0"), 1, "", null, Map.of("00", "international", "0900", "premium"),
            List.of(), Map.of(), null);
    private static final TrunkLine PROVIDER = new TrunkLine(1, "provider", "sip.provider.example", 5060, "udp", null, null, null, 2, false, PLAN);

    private final Map<String, CallRights> rights = new java.util.HashMap<>();
    private final DialingPolicy policy = new DialingPolicy();
    private final List<Call> calls = new ArrayList<>();

    DialingPolicyTest() {
        policy.directory = new SubscriberDirectory() {
            @Override
            public Optional<Credentials> find(Extension extension) {
                return Optional.of(new Credentials(1, extension.value(), "", "", null,
                        rights.getOrDefault(extension.value(), CallRights.DEFAULT)));
            }
        };
        policy.trunks = new TrunkDirectory() {
            @Override
            public TrunkLines lines() {
                return new TrunkLines(List.of(PROVIDER));
            }
        };
    }

    private static Route out(String dialed) {
        return new Route.Trunk(new TrunkLines(List.of(PROVIDER)).outbound(dialed).orElseThrow());
    }

    private Call call(String caller, String callerTrunk, String callee, String calleeTrunk) {
        LegSignaling quiet = new LegSignaling() {
            @Override
            public void hangUp(int status, String reason) {
            }

            @Override
            public void release() {
            }
        };
        MediaAnchor media = new MediaAnchor() {
            @Override
            public String offer(Call c, Side from, String sdp) {
                return sdp;
            }

            @Override
            public String answer(Call c, Side from, String sdp) {
                return sdp;
            }

            @Override
            public void trickle(Call c, Side from, String sdpFragment) {
            }

            @Override
            public void playDtmf(Call c, Side from, char digit, int durationMillis) {
            }

            @Override
            public MediaTotals release(Call c) {
                return null;
            }
        };
        Call c = Call.start(CallId.of("call-" + calls.size()), Leg.sip(Side.CALLER, caller, callerTrunk, "a", quiet),
                Leg.sip(Side.CALLEE, callee, calleeTrunk, null, quiet), media, policy, Clock.systemUTC());
        calls.add(c);
        return c;
    }

    @Test
    void aSubscriberWithoutInternationalRightsCannotDialZeroZero() {
        rights.put("201", CallRights.only(List.of("national")));
        Route refused = policy.dialing("201", out("0044207946"));
        assertEquals(new Route.Reject(403, "Forbidden (international numbers not allowed)"), refused);
        Route national = out("030123");
        assertSame(national, policy.dialing("201", national), "an unclassed number goes out");
    }

    @Test
    void premiumIsDeniedUnlessNamedAndEverythingElseIsAllowedByDefault() {
        assertInstanceOf(Route.Reject.class, policy.dialing("202", out("0900123")));
        assertInstanceOf(Route.Trunk.class, policy.dialing("202", out("0044207946")));
        rights.put("203", CallRights.only(List.of("premium")));
        assertInstanceOf(Route.Trunk.class, policy.dialing("203", out("0900123")));
        Route phones = new Route.Contacts("204", List.of("sip:204@192.0.2.1"));
        assertSame(phones, policy.dialing("201", phones), "calls to subscribers are never refused by class");
        assertEquals("provider", out("0900123").trunkName());
        assertEquals(null, phones.trunkName(), "a call to phones leaves through no trunk");
    }

    @Test
    void anOutsidePartyIsNeverTransferredOutThroughATrunk() {
        Call fromOutside = call("0301234567", "provider", "862", null);
        assertEquals(Optional.of(new Route.Reject(403, DialingPolicy.NO_HAIRPIN)),
                policy.transfer(fromOutside, Side.CALLEE, out("0555999")), "the outside caller REFERs the subscriber out");
        assertEquals(Optional.of(new Route.Reject(403, DialingPolicy.NO_HAIRPIN)),
                policy.transfer(fromOutside, Side.CALLER, out("0555999")), "the subscriber sends the outside caller out");
        assertEquals(Optional.empty(), policy.transfer(fromOutside, Side.CALLER, new Route.Contacts("863", List.of("sip:863@h"))),
                "to another extension is fine");
        Call between = call("201", null, "202", null);
        assertEquals(Optional.empty(), policy.transfer(between, Side.CALLEE, out("030123")));
        rights.put("202", CallRights.only(List.of()));
        assertInstanceOf(Route.Reject.class, policy.transfer(between, Side.CALLEE, out("0044207946")).orElse(null),
                "the party that would call out needs the right to");
    }

    @Test
    void aSubscriberOverItsLimitOfCallsAtOnceIsRefusedAndFreedWhenOneEnds() {
        rights.put("205", new CallRights(null, 2, null));
        Call first = call("205", null, "206", null);
        Call second = call("205", null, "207", null);
        assertEquals(Optional.empty(), policy.overLimits(first));
        assertEquals(Optional.empty(), policy.overLimits(second));
        Call third = call("205", null, "208", null);
        assertEquals(Optional.of(new Route.Reject(403, "Forbidden (at most 2 calls at once)")), policy.overLimits(third));
        third.end(403, EndedBy.SYSTEM);
        first.end(200, EndedBy.CALLER);
        assertEquals(1, policy.activeCallsOf("205"));
        assertEquals(Optional.empty(), policy.overLimits(call("205", null, "209", null)));
    }

    @Test
    void aSubscriberOverItsCallsAMinuteIsRefusedEvenWhenEachCallEnded() {
        rights.put("210", new CallRights(null, null, 3));
        for (int i = 0; i < 3; i++) {
            Call c = call("210", null, "211", null);
            assertEquals(Optional.empty(), policy.overLimits(c));
            c.end(200, EndedBy.CALLER);
        }
        assertEquals(Optional.of(new Route.Reject(403, "Forbidden (at most 3 calls a minute)")),
                policy.overLimits(call("210", null, "211", null)));
    }

    @Test
    void aTrunkCarriesAtMostItsCallsEitherWay() {
        call("0301234567", "provider", "862", null);
        call("220", null, "555123", "provider");
        Optional<Route.Reject> full = policy.overLimits(call("221", null, "555124", "provider"));
        assertEquals(Optional.of(new Route.Reject(403, "Forbidden (trunk provider carries at most 2 calls)")), full);
        assertTrue(policy.overLimits(call("222", null, "223", null)).isEmpty(), "calls between subscribers do not count");
    }
}
