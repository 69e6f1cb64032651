package io.ponte.sip.call;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.servlet.ServletException;
import javax.servlet.sip.Address;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.TimerService;

import io.ponte.bridge.call.PhoneDialer;
import io.ponte.call.Call;
import io.ponte.call.CallId;
import io.ponte.call.CallRouting;
import io.ponte.call.CallRouting.Route;
import io.ponte.call.Calls;
import io.ponte.call.EndedBy;
import io.ponte.call.Leg;
import io.ponte.call.Side;
import io.ponte.media.MediaException;
import io.ponte.sip.SipMethods;
import io.ponte.sip.SipStatus;
import io.ponte.sip.common.PonteSipServlet;
import io.ponte.stats.SipStatistics;

/**
 * Calls from ConnectyCube app users to subscribers' phones, the SIP half: a new application session whose
 * {@link SipCall} forks an INVITE (with rtpengine's plain RTP offer) to every registered phone of the
 * subscriber, as {@link CallServlet} does for a phone's call; the phones' answers then reach
 * {@link CallServlet}, the sessions' handler, like any callee's.
 */
public final class AppToPhones implements PhoneDialer {

    private static final Logger LOG = Logger.getLogger(AppToPhones.class.getName());

    private final Origination sip;

    public AppToPhones(Origination sip) {
        this.sip = sip;
    }

    @Override
    public Call dial(String sessionId, Leg caller, String calleeExtension, String offerSdp, String callerName) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(AppToPhones.class.getClassLoader());
        try {
            SipApplicationSession sas = this.sip.factory.createApplicationSession();
            SipCall sip = SipCall.startFrom(sas, this.sip.calls, CallId.of(sessionId), caller, calleeExtension, null, null, this.sip.responder);
            Route route = this.sip.routing.routePhones(calleeExtension);
            if (route instanceof Route.Reject reject) {
                return refuse(sip, reject.status(), reject.reason());
            }
            String offer;
            try {
                offer = sip.call().offer(Side.CALLER, offerSdp);
            } catch (MediaException e) {
                LOG.warning(() -> "no media for call " + sip.call().id() + ": " + e.getMessage());
                return refuse(sip, SipStatus.SERVICE_UNAVAILABLE, "Service Unavailable (media server)");
            }
            this.sip.ringCallee(sip, (Route.Contacts) route, offer, callerName);
            return sip.call();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "call from ConnectyCube session " + sessionId + " to " + calleeExtension + " failed", e);
            caller.signaling().hangUp(SipStatus.SERVER_INTERNAL_ERROR, "Server Internal Error");
            return null;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static Call refuse(SipCall sip, int status, String reason) {
        sip.call().caller().signaling().hangUp(status, reason);
        sip.call().end(status, EndedBy.SYSTEM);
        return sip.call();
    }
}
