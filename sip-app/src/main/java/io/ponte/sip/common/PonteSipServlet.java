package io.ponte.sip.common;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.servlet.ServletException;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

import io.ponte.sip.ReasonPhrase;
import io.ponte.sip.SipMethods;
import io.ponte.sip.SipStatus;
import io.ponte.stats.SipStatistics;

/**
 * Base of Ponte's SIP servlets: counts traffic, turns failures into a proper SIP answer instead of a
 * dead container thread, and finds the EE services. The container's threads carry no EE context, so
 * services are reached as EJBs by their {@code java:global} names.
 */
public abstract class PonteSipServlet extends SipServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(PonteSipServlet.class.getName());
    private static final String GLOBAL_PREFIX = "java:global/ponte/sip-app/";
    private static final int RETRY_AFTER_SECONDS = 5;

    private transient volatile SipStatistics statistics;

    @Override
    protected void doRequest(SipServletRequest request) throws ServletException, IOException {
        statistics().requestReceived(request.getMethod());
        try {
            super.doRequest(request);
        } catch (RuntimeException | ServletException e) {
            releaseSessions(request);
            if (Failures.isUnavailable(e)) {
                LOG.warning(() -> "cannot handle " + request.getMethod() + " " + request.getCallId()
                        + ", a dependency is down: " + e);
                answerUnavailable(request);
            } else {
                LOG.log(Level.SEVERE, "failed to handle " + request.getMethod() + " " + request.getCallId(), e);
                answerIfPossible(request, SipStatus.SERVER_INTERNAL_ERROR, "Server Internal Error");
            }
        }
    }

    /** Sends a response, counting it, its reason phrase made one printable line. */
    protected void send(SipServletResponse response) throws IOException {
        sendClean(response, statistics());
    }

    /** Sends a response Ponte made: its reason phrase one printable line ({@link ReasonPhrase}), counted. */
    public static void sendClean(SipServletResponse response, SipStatistics statistics) throws IOException {
        String reason = response.getReasonPhrase();
        if (!ReasonPhrase.isClean(reason)) {
            response.setStatus(response.getStatus(), ReasonPhrase.clean(reason, response.getStatus() >= 300 ? "Failed" : "OK"));
        }
        statistics.responseSent(response.getStatus());
        response.send();
    }

    /** Sends a final answer unless the request is an ACK or already answered. */
    protected void answerIfPossible(SipServletRequest request, int status, String reason) {
        if (SipMethods.ACK.equals(request.getMethod()) || request.isCommitted()) {
            return;
        }
        try {
            send(request.createResponse(status, reason));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "could not answer " + request.getCallId(), e);
        }
    }

    /** 503 with Retry-After (RFC 3261 section 21.5.4): the client should try again, or another node. */
    private void answerUnavailable(SipServletRequest request) {
        if (SipMethods.ACK.equals(request.getMethod()) || request.isCommitted()) {
            return;
        }
        try {
            SipServletResponse r = request.createResponse(SipStatus.SERVICE_UNAVAILABLE, "Service Unavailable (database)");
            r.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            send(r);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "could not answer " + request.getCallId(), e);
        }
    }

    /** Lets the container drop the sessions of a request that ends here (REGISTER, OPTIONS...). */
    protected static void releaseSessions(SipServletRequest request) {
        request.getSession().setInvalidateWhenReady(true);
        request.getApplicationSession().setInvalidateWhenReady(true);
    }

    protected SipStatistics statistics() {
        SipStatistics s = statistics;
        if (s == null) {
            s = lookup(SipServices.class).statistics();
            statistics = s;
        }
        return s;
    }

    /** Looks up a local EJB of the sip-app module by its bean class. */
    public static <T> T lookup(Class<T> beanClass) {
        try {
            return beanClass.cast(new InitialContext().lookup(GLOBAL_PREFIX + beanClass.getSimpleName()));
        } catch (NamingException e) {
            throw new IllegalStateException("service " + beanClass.getSimpleName() + " is not deployed", e);
        }
    }
}
