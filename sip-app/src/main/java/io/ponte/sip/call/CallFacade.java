package io.ponte.sip.call;

import java.util.List;

import io.ponte.auth.SubscriberAuthenticator;
import io.ponte.bridge.call.BridgeCalls;
import io.ponte.auth.SubscriberAuthenticator.Verdict;
import io.ponte.call.CallControl;
import io.ponte.call.CallRouting;
import io.ponte.call.Calls;
import io.ponte.security.Peer;
import io.ponte.sip.SipMethods;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/** What the call servlet needs from the EE side: caller authentication, routing, and where calls start. */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CallFacade {

    /** How an INVITE's credentials stand. {@code challenges} is set for 407, {@code reason} for 400/403. */
    public record CallerCheck(int status, String reason, List<String> challenges) {
        public boolean accepted() {
            return status == 0;
        }
    }

    @Inject
    SubscriberAuthenticator authenticator;

    @Inject
    CallRouting routing;

    @Inject
    Calls calls;

    @Inject
    io.ponte.call.DialingPolicy dialing;

    @Inject
    io.ponte.config.PonteSettings settings;

    @Inject
    BridgeCalls bridge;

    @Inject
    CallControl control;

    @Inject
    io.ponte.call.ActiveCalls active;

    /** Checks the Proxy-Authorization of an INVITE from {@code callerUser} (RFC 3261 section 22.3). */
    public CallerCheck checkCaller(String callerUser, String proxyAuthorization, Peer source) {
        Verdict verdict = authenticator.authenticate(callerUser, SipMethods.INVITE, proxyAuthorization, source);
        if (verdict instanceof Verdict.Authenticated) {
            return new CallerCheck(0, null, List.of());
        }
        if (verdict instanceof Verdict.Challenge c) {
            return new CallerCheck(407, "Proxy Authentication Required", c.challenges());
        }
        return verdict instanceof Verdict.Malformed m ? new CallerCheck(400, m.why(), List.of())
                : new CallerCheck(403, "Forbidden", List.of());
    }

    /** Where subscriber {@code caller}'s call to {@code targetUser} goes, within its dialing rights. */
    public CallRouting.Route route(String caller, String targetUser) {
        return dialing.dialing(caller, routing.route(targetUser));
    }

    /** Why a call that just started may not go on: the caller's or a trunk's call limits. */
    public java.util.Optional<CallRouting.Route.Reject> overLimits(io.ponte.call.Call call) {
        return dialing.overLimits(call);
    }

    /** The trunk a request from {@code source} came from: its calls skip digest and route by its dial plan. */
    public java.util.Optional<io.ponte.trunk.TrunkLine> trunkAt(Peer source) {
        return routing.trunkAt(source.address(), source.port(), source.transport());
    }

    public CallRouting.Route routeFromTrunk(io.ponte.trunk.TrunkLine trunk, String called) {
        return routing.routeFromTrunk(trunk, called);
    }

    /** Where calls start, wired to the media anchor, the live view and the call records. */
    public Calls calls() {
        return calls;
    }

    /** Calls to and from ConnectyCube app users. */
    public BridgeCalls bridge() {
        return bridge;
    }

    /** Click-to-call and transfers. */
    public CallControl control() {
        return control;
    }

    /** The calls in progress on this node. */
    public java.util.Collection<io.ponte.call.Call> active() {
        return active.list();
    }

    public int ringTimeoutSeconds() {
        return settings.ringTimeoutSeconds();
    }
}
