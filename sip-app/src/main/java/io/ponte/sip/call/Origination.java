package io.ponte.sip.call;

import java.io.IOException;

import javax.servlet.ServletException;
import javax.servlet.sip.Address;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.TimerService;

import io.ponte.call.CallRouting;
import io.ponte.call.CallRouting.Route;
import io.ponte.call.Calls;
import io.ponte.call.DialingPolicy;
import io.ponte.sip.SipMethods;
import io.ponte.sip.common.PonteSipServlet;
import io.ponte.stats.SipStatistics;

/**
 * What calls that Ponte itself places need (an app user's call to phones, click-to-call, a transfer's new
 * call): the SIP factory and timers, where calls start, routing and the dialing rules, the SIP domain, the ring timeout, and
 * the forking of the callee's INVITEs, which all of them share.
 */
public final class Origination {

    final SipFactory factory;
    final TimerService timers;
    final Calls calls;
    final CallRouting routing;
    final DialingPolicy dialing;
    final String domain;
    final int ringTimeoutSeconds;
    final InDialogRelay.Responder responder;

    public Origination(SipFactory factory, TimerService timers, Calls calls, CallRouting routing, DialingPolicy dialing, String domain,
                       int ringTimeoutSeconds, SipStatistics statistics) {
        this.factory = factory;
        this.timers = timers;
        this.calls = calls;
        this.routing = routing;
        this.dialing = dialing;
        this.domain = domain;
        this.ringTimeoutSeconds = ringTimeoutSeconds;
        this.responder = response -> PonteSipServlet.sendClean(response, statistics);
    }

    /**
     * Every phone in {@code contacts} is INVITEd with {@code offer} (the media anchor's), shown the caller's
     * party and {@code callerName} (or none), session timers proposed; their answers reach {@link CallServlet}.
     * Unanswered, the ring timeout ends the call.
     */
    void ringCallee(SipCall sip, Route.Contacts contacts, String offer, String callerName) throws IOException {
        Address from = factory.createAddress(factory.createSipURI(sip.call().caller().party(), domain), callerName);
        Address to = factory.createAddress(factory.createSipURI(contacts.extension(), domain));
        try {
            for (String contact : contacts.uris()) {
                SipServletRequest invite = factory.createRequest(sip.applicationSession(), SipMethods.INVITE, from, to);
                invite.setRequestURI(factory.createURI(contact));
                invite.setContent(InDialogRelay.bytes(offer), "application/sdp");
                SessionTimers.propose(invite);
                invite.getSession().setHandler(CallServlet.NAME);
                sip.calleeForks().sent(invite);
                invite.send();
            }
        } catch (ServletException e) {
            throw new IOException("cannot ring the callee of " + sip.call().id(), e);
        }
        RingTimeout.start(timers, sip.applicationSession(), ringTimeoutSeconds, CallServlet.MAX_CALL_MINUTES);
    }

    /** The call goes out through a trunk ({@link TrunkCalls}) with {@code offer}; unanswered, the ring timeout ends it. */
    void ringTrunk(SipCall sip, Route.Trunk out, String offer, String callerName) throws IOException {
        TrunkCalls.invite(factory, sip, out.outbound(), offer, callerName);
        RingTimeout.start(timers, sip.applicationSession(), ringTimeoutSeconds, CallServlet.MAX_CALL_MINUTES);
    }
}
