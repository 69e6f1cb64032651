package io.ponte.sip.call;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;

/**
 * The INVITEs Ponte sent at once to every registered phone of one party (parallel forking, RFC 3261
 * section 16.7 done by a B2BUA) and how they fare: the first 200 wins, the others are cancelled, and when
 * all fail the most telling failure is kept. Its methods may be called from several container threads.
 */
final class Forks {

    private static final Logger LOG = Logger.getLogger(Forks.class.getName());

    private final String what;
    private final List<SipServletRequest> invites = new ArrayList<>();
    private int ringing;
    private boolean answerClaimed;
    private SipSession answered;
    private int failureStatus;
    private String failureReason;

    /** @param what names these forks in log lines (the call and side) */
    Forks(String what) {
        this.what = what;
    }

    /** An INVITE towards one of the party's phones is about to be sent. */
    synchronized void sent(SipServletRequest invite) {
        invites.add(invite);
        ringing++;
    }

    /** {@code again} goes out instead of {@code first} on the same fork (a challenge answered): still one fork ringing. */
    synchronized void replaced(SipServletRequest first, SipServletRequest again) {
        invites.remove(first);
        invites.add(again);
    }

    /** True for exactly one fork's 200: the phone that answered first. */
    synchronized boolean claimAnswer(SipSession fork) {
        if (answerClaimed) {
            return false;
        }
        answerClaimed = true;
        answered = fork;
        return true;
    }

    /** The session of the phone that answered, or null. */
    synchronized SipSession answered() {
        return answered;
    }

    /** True if {@code session} is one of these forks. */
    synchronized boolean contains(SipSession session) {
        return invites.stream().anyMatch(i -> i.getSession().getId().equals(session.getId()));
    }

    /**
     * One fork failed with {@code status}; the most telling failure is kept (6xx, then 486, then the latest).
     *
     * @return true when it was the last fork still ringing and none answered: the party cannot be reached
     */
    synchronized boolean failed(int status, String reason) {
        if (failureReason == null || rank(status) >= rank(failureStatus)) {
            failureStatus = status;
            failureReason = reason;
        }
        ringing--;
        return ringing <= 0 && !answerClaimed;
    }

    private static int rank(int status) {
        return status >= 600 ? 3 : status == 486 ? 2 : status == 487 ? 0 : 1;
    }

    synchronized int failureStatus() {
        return failureStatus;
    }

    synchronized String failureReason() {
        return failureReason;
    }

    /** CANCELs every fork still ringing, except {@code keep} (null: all of them). */
    void cancel(SipSession keep) {
        List<SipServletRequest> all;
        synchronized (this) {
            all = List.copyOf(invites);
        }
        for (SipServletRequest invite : all) {
            SipSession s = invite.getSession();
            if ((keep != null && s.getId().equals(keep.getId())) || !s.isValid() || s.getState() == SipSession.State.CONFIRMED) {
                continue;
            }
            try {
                invite.createCancel().send();
            } catch (IOException | IllegalStateException e) {
                LOG.log(Level.FINE, "fork of " + what + " already answered or gone", e);
            }
        }
    }
}
