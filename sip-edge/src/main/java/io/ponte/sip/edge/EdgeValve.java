package io.ponte.sip.edge;

import java.io.IOException;
import java.net.InetAddress;
import java.text.ParseException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sip.SipStack;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import io.ponte.security.SecurityLog;
import io.ponte.security.SourceGuard;

/**
 * Named in the stack property {@code gov.nist.javax.sip.SIP_MESSAGE_VALVE}; JAIN-SIP calls it for every
 * parsed message before any transaction exists. It sends the edge's answer for a {@link Refusal}, answers
 * {@code 481} to a CANCEL that matches no transaction (RFC 3261 section 9.2) and to an in-dialog request
 * that matches no dialog (section 12.2.2), and drops responses that match no transaction and no dialog
 * (section 18.1.2). Whatever it drops or refuses costs at most one WARN line
 * per source address per minute, never a stack trace.
 */
public final class EdgeValve implements SIPMessageValve {

    private static final Logger LOG = Logger.getLogger(EdgeValve.class.getName());

    /** Bans and the flood limit of this node, handed over by the application that starts the stack. */
    private static volatile SourceGuard guard;

    private final WarnLimiter warnings = new WarnLimiter(System::currentTimeMillis);
    private volatile SIPTransactionStack stack;

    /**
     * Makes every valve ask {@code sourceGuard} first (null: admit everything). JAIN-SIP creates the valve
     * by name, so the guard, a service of the deployment, comes in through here.
     */
    public static void guardWith(SourceGuard sourceGuard) {
        guard = sourceGuard;
    }

    @Override
    public void init(SipStack sipStack) {
        this.stack = (SIPTransactionStack) sipStack;
    }

    @Override
    public void destroy() {
        // nothing held
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        if (!admitted(channel)) {
            return false;
        }
        if (request instanceof Refusal refusal) {
            refuse(refusal, channel);
            return false;
        }
        String method = request.getMethod();
        if (Request.CANCEL.equals(method) && stack.findCancelTransaction(request, true) == null) {
            answer481(request, channel, "a CANCEL that matches no transaction");
            return false;
        }
        if (request.getToTag() != null && !Request.REGISTER.equals(method) && !Request.CANCEL.equals(method)
                && matchesNothing(request)) {
            if (Request.ACK.equals(method)) {
                warn(channel, "dropped an ACK that matches no dialog");
            } else {
                answer481(request, channel, "a " + method + " that matches no dialog");
            }
            return false;
        }
        return true;
    }

    /** An in-dialog request (it has a To tag) for which the stack holds neither transaction nor dialog. */
    private boolean matchesNothing(SIPRequest request) {
        return stack.findTransaction(request, true) == null && !inDialog(request, true);
    }

    /** Whether the stack holds a dialog, confirmed or early, for {@code message} on this side. */
    private boolean inDialog(SIPMessage message, boolean server) {
        String dialogId = message.getDialogId(server);
        return stack.getDialog(dialogId) != null || stack.getEarlyDialog(dialogId) != null;
    }

    /** 481 (RFC 3261 sections 9.2 and 12.2.2), answered here: the container would log a stack trace per request. */
    private void answer481(SIPRequest request, MessageChannel channel, String what) {
        SIPResponse answer = request.createResponse(481, "Call/Transaction Does Not Exist");
        if (answer.getToTag() == null) {
            try {
                answer.getTo().setTag(tag());
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        }
        send(channel, answer);
        warn(channel, "answered 481 to " + what);
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        if (!admitted(channel)) {
            return false;
        }
        SIPResponse r = (SIPResponse) response;
        if (stack.findTransaction(r.getTransactionId(), false) != null || inDialog(r, false)) {
            return true;
        }
        warn(channel, "dropped a " + r.getStatusCode() + " response to " + r.getCSeq().getMethod()
                + " that matches no transaction");
        return false;
    }

    /** Bans and the per-source rate, before anything else is done for the message (dropped: no answer). */
    private static boolean admitted(MessageChannel channel) {
        SourceGuard g = guard;
        if (g == null) {
            return true;
        }
        String host = host(channel);
        SourceGuard.Admission a = g.admit(host, System.currentTimeMillis());
        if (a == SourceGuard.Admission.FLOODING) {
            SecurityLog.flooding(host, port(channel), channel.getTransport(), g.settings().floodRate(),
                    g.settings().floodBlock().toSeconds());
        }
        return a == SourceGuard.Admission.ADMIT;
    }

    private static String host(MessageChannel channel) {
        InetAddress address = channel.getPeerPacketSourceAddress();
        return address != null ? address.getHostAddress() : channel.getPeerAddress();
    }

    private static int port(MessageChannel channel) {
        return channel.getPeerPacketSourceAddress() != null ? channel.getPeerPacketSourcePort() : channel.getPeerPort();
    }

    private void refuse(Refusal refusal, MessageChannel channel) {
        RawMessage original = refusal.original();
        Verdict verdict = refusal.verdict();
        if (verdict instanceof Verdict.Answer a) {
            send(channel, new RawAnswer(refusal, a.status(), Answers.render(original, a, tag())));
            warn(channel, "answered " + a.status() + " " + a.reason() + " to " + Answers.describe(original));
        } else if (verdict instanceof Verdict.Drop d) {
            warn(channel, "dropped " + Answers.describe(original) + ": " + d.problem());
        }
    }

    private static void send(MessageChannel channel, SIPResponse answer) {
        try {
            if (channel.isReliable()) {
                channel.sendMessage(answer);
            } else {
                channel.sendMessage(answer, channel.getPeerPacketSourceAddress(), channel.getPeerPacketSourcePort());
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "could not send the edge's answer", e);
        }
    }

    private void warn(MessageChannel channel, String what) {
        String host = host(channel);
        int held = warnings.admit(host);
        if (held >= 0) {
            int port = port(channel);
            SecurityLog.malformed(host, port, channel.getTransport(), what);
            LOG.warning(() -> "SIP from " + host + ":" + port + "/" + channel.getTransport() + " " + what
                    + (held > 0 ? " (" + held + " more from this address in the last minute not logged)" : ""));
        }
    }

    private static String tag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong());
    }
}
