package io.ponte.call;

import java.util.Optional;
import java.util.logging.Logger;

import io.ponte.call.CallRouting.Route;
import io.ponte.config.PonteSettings;
import io.ponte.db.DatabaseException;
import io.ponte.dialing.CallCounts;
import io.ponte.dialing.CallRights;
import io.ponte.security.SecurityLog;
import io.ponte.sip.Extension;
import io.ponte.sip.SipStatus;
import io.ponte.subscriber.SubscriberDirectory;
import io.ponte.trunk.TrunkDirectory;
import io.ponte.trunk.TrunkLine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What keeps outside calls from costing money nobody meant to spend (toll fraud): a subscriber dials only
 * the classes of number its {@link CallRights} allow (premium only when named); it has at most its limit
 * of calls at once and starts at most its limit of calls a minute; a trunk carries at most its
 * {@code maxCalls}; and a call with an outside party (one that came in from a trunk or went out through
 * one) is never transferred out through a trunk, so that nobody outside can make Ponte call outside for
 * them. Each refusal is a {@code 403} with a reason phrase and a {@code CALL_REFUSED} line in
 * {@code security.log}.
 *
 * <p>Calls are counted from their own events, as they start and end; a limit is checked once a call has
 * started, so that two calls arriving together are both counted before either is let through.
 */
@ApplicationScoped
public class DialingPolicy implements CallListener {

    private static final Logger LOG = Logger.getLogger(DialingPolicy.class.getName());
    /** Most subscribers and trunks whose calls are counted at once (see {@link CallCounts}). */
    static final int MAX_COUNTED = 100_000;
    /** A refused hairpin: the reason phrase of the 403. */
    static final String NO_HAIRPIN = "Forbidden (an outside party is not transferred out through a trunk)";

    @Inject
    SubscriberDirectory directory;

    @Inject
    TrunkDirectory trunks;

    private final CallCounts callers = new CallCounts(MAX_COUNTED, System::currentTimeMillis);
    private final CallCounts trunkCalls = new CallCounts(MAX_COUNTED, System::currentTimeMillis);
    private final int maxCalls = PonteSettings.wholeNumber(PonteSettings::runtimeValue, "PONTE_MAX_CALLS_PER_SUBSCRIBER", 8);
    private final int maxPerMinute = PonteSettings.wholeNumber(PonteSettings::runtimeValue, "PONTE_MAX_CALLS_PER_MINUTE", 30);

    @Override
    public void on(CallEvent event) {
        boolean started = event instanceof CallEvent.Started;
        if (!started && !(event instanceof CallEvent.Ended)) {
            return;
        }
        Call call = event.call();
        for (Leg leg : new Leg[] {call.caller(), call.callee()}) {
            if (leg.outside()) {
                count(trunkCalls, leg.trunk(), started);
            } else if (leg.side() == Side.CALLER) {
                count(callers, leg.party(), started);
            }
        }
    }

    private static void count(CallCounts counts, String key, boolean started) {
        if (started) {
            counts.started(key);
        } else {
            counts.ended(key);
        }
    }

    /** {@code route} for subscriber {@code caller}'s call, or a refusal when it goes out to a class of number the caller may not dial. */
    public Route dialing(String caller, Route route) {
        if (!(route instanceof Route.Trunk out) || rights(caller).mayDial(out.outbound().dialClass())) {
            return route;
        }
        return refused(caller, out.outbound().number(), "Forbidden (" + out.outbound().dialClass() + " numbers not allowed)");
    }

    /**
     * Why the party on side {@code stays} of {@code call} may not be transferred to {@code target}: the
     * target is out through a trunk and the call has an outside party, or the staying party may not dial it.
     */
    public Optional<Route.Reject> transfer(Call call, Side stays, Route target) {
        if (!(target instanceof Route.Trunk out)) {
            return Optional.empty();
        }
        if (call.caller().outside() || call.callee().outside()) {
            return Optional.of(refused(call.leg(stays.other()).party(), out.outbound().number(), NO_HAIRPIN));
        }
        return dialing(call.leg(stays).party(), target) instanceof Route.Reject r ? Optional.of(r) : Optional.empty();
    }

    /**
     * Why a call that has just started may not go on: its caller (a subscriber) has more calls at once or
     * has started more this minute than it may, or a trunk it passes carries more than its limit.
     */
    public Optional<Route.Reject> overLimits(Call call) {
        Leg caller = call.caller();
        if (!caller.outside()) {
            CallRights rights = rights(caller.party());
            int most = rights.maxCallsOr(maxCalls);
            if (callers.active(caller.party()) > most) {
                return Optional.of(refused(caller.party(), call.callee().party(), "Forbidden (at most " + calls(most) + " at once)"));
            }
            int perMinute = rights.maxCallsPerMinuteOr(maxPerMinute);
            if (callers.thisMinute(caller.party()) > perMinute) {
                return Optional.of(refused(caller.party(), call.callee().party(), "Forbidden (at most " + calls(perMinute) + " a minute)"));
            }
        }
        return trunkFull(call);
    }

    /** Why a call may not pass a trunk it goes through: that trunk carries more calls than its {@code maxCalls}. */
    public Optional<Route.Reject> trunkFull(Call call) {
        for (Leg leg : new Leg[] {call.caller(), call.callee()}) {
            if (leg.outside()) {
                int most = trunks.lines().all().stream().filter(l -> l.name().equals(leg.trunk())).mapToInt(TrunkLine::maxCalls)
                        .findFirst().orElse(0);
                if (most > 0 && trunkCalls.active(leg.trunk()) > most) {
                    return Optional.of(refused(call.caller().party(), call.callee().party(),
                            "Forbidden (trunk " + leg.trunk() + " carries at most " + calls(most) + ")"));
                }
            }
        }
        return Optional.empty();
    }

    /** Calls in progress that {@code party} placed, as counted here. */
    public int activeCallsOf(String party) {
        return callers.active(party);
    }

    /** A subscriber's rights; an app user or a name that is no extension has the default's. */
    private CallRights rights(String party) {
        Extension extension;
        try {
            extension = Extension.parse(party);
        } catch (IllegalArgumentException e) {
            return CallRights.DEFAULT;
        }
        try {
            return directory.find(extension).map(SubscriberDirectory.Credentials::rights).orElse(CallRights.DEFAULT);
        } catch (DatabaseException e) {
            LOG.warning(() -> "rights of " + party + " unknown, no classed number allowed: " + e.getMessage());
            return CallRights.only(java.util.List.of()); // unknown rights allow no number a trunk classes
        }
    }

    private static String calls(int n) {
        return n == 1 ? "1 call" : n + " calls";
    }

    private static Route.Reject refused(String caller, String callee, String reason) {
        SecurityLog.callRefused(caller, callee, reason);
        return new Route.Reject(SipStatus.FORBIDDEN, reason);
    }
}
