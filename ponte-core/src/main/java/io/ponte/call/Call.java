package io.ponte.call;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.logging.Logger;

import io.ponte.media.MediaAnchor;
import io.ponte.media.MediaException;
import io.ponte.media.MediaTotals;

/**
 * One call: a caller leg, a callee leg and a life of {@link CallState}s, told as {@link CallEvent}s to
 * one listener. SDP crosses from leg to leg only through {@link #offer} and {@link #answer}, which hand it
 * to the media anchor; the media is released exactly once, when the call ends.
 *
 * <p>A call is used from several threads (each leg's signaling arrives on its own); its state changes are
 * atomic, and each event is told once, after the change it reports.
 */
public final class Call {

    private static final Logger LOG = Logger.getLogger(Call.class.getName());

    private final CallId id;
    private final UUID recordId = UUID.randomUUID();
    private final Leg caller;
    private final Leg callee;
    private final MediaAnchor media;
    private final CallListener listener;
    private final Clock clock;
    private final Instant startedAt;

    private CallState state = CallState.RINGING;
    private Instant answeredAt;
    private Instant endedAt;
    private int finalStatus;
    private EndedBy endedBy;
    private String endReason;
    private MediaTotals mediaTotals;
    private final boolean[] alerted = new boolean[Side.values().length];

    Call(CallId id, Leg caller, Leg callee, MediaAnchor media, CallListener listener, Clock clock) {
        if (caller.side() != Side.CALLER || callee.side() != Side.CALLEE) {
            throw new IllegalArgumentException("legs must be the caller's and the callee's: " + caller + ", " + callee);
        }
        this.id = Objects.requireNonNull(id);
        this.caller = caller;
        this.callee = callee;
        this.media = Objects.requireNonNull(media);
        this.listener = Objects.requireNonNull(listener);
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** Starts a call: it rings, and its listener hears {@link CallEvent.Started}. */
    public static Call start(CallId id, Leg caller, Leg callee, MediaAnchor media, CallListener listener, Clock clock) {
        Call call = new Call(id, caller, callee, media, listener, clock);
        listener.on(new CallEvent.Started(call));
        return call;
    }

    /** An offer from {@code from}'s leg, through the media anchor: the SDP for the other leg. */
    public String offer(Side from, String sdp) throws MediaException {
        return media.offer(this, from, sdp);
    }

    /** {@code from}'s leg answers the other's offer, through the media anchor: the SDP for the offerer. */
    public String answer(Side from, String sdp) throws MediaException {
        return media.answer(this, from, sdp);
    }

    /** ICE candidates that {@code from}'s leg (a WebRTC peer) trickled, as an RFC 8840 SDP fragment, to the media anchor. */
    public void trickle(Side from, String sdpFragment) throws MediaException {
        media.trickle(this, from, sdpFragment);
    }

    /**
     * A phone (or app) of {@code side} is alerting its user: the listener hears {@link CallEvent.Ringing}
     * the first time for that side while the call rings, and nothing after.
     */
    public void ringing(Side side) {
        synchronized (this) {
            if (state != CallState.RINGING || alerted[side.ordinal()]) {
                return;
            }
            alerted[side.ordinal()] = true;
        }
        listener.on(new CallEvent.Ringing(this, side));
    }

    /**
     * Plays {@code digits} into the media that {@code from}'s leg sends, one after the other, so the other
     * leg's party receives them (RFC 4733 telephone-events through the media anchor).
     *
     * @throws IllegalArgumentException if a character is no DTMF digit (0-9, *, #, A-D)
     */
    public void sendDtmf(Side from, String digits, int durationMillis) throws MediaException {
        if (!digits.matches("[0-9*#A-Da-d]+")) {
            throw new IllegalArgumentException("DTMF digits are 0-9, *, #, A-D: " + digits);
        }
        for (char d : digits.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
            media.playDtmf(this, from, d, durationMillis);
        }
    }

    /** Whether digits can be played into this call ({@link #sendDtmf}); not when PONTE_DTMF_INJECT is false. */
    public boolean playsDtmf() {
        return media.playsDtmf();
    }

    /** A digit crossed the call's media (the media server saw it end): the listener hears {@link CallEvent.Dtmf}. */
    public void dtmf(Side side, char digit, int durationMillis) {
        listener.on(new CallEvent.Dtmf(this, side, digit, durationMillis));
    }

    /**
     * The callee side answered: the call goes from RINGING to ANSWERED.
     *
     * @return false, changing nothing, if the call was no longer ringing
     */
    public boolean answered() {
        synchronized (this) {
            if (state != CallState.RINGING) {
                return false;
            }
            state = CallState.ANSWERED;
            answeredAt = clock.instant();
        }
        listener.on(new CallEvent.Answered(this));
        return true;
    }

    /**
     * The call is over, with {@code finalStatus} (the SIP status that decided it: 200 for an answered call)
     * and ended by {@code by}: both legs release what they hold, the media is released and its totals kept.
     *
     * @return false, changing nothing, if the call had already ended
     */
    public boolean end(int finalStatus, EndedBy by) {
        return end(finalStatus, by, null);
    }

    private boolean end(int finalStatus, EndedBy by, String reason) {
        synchronized (this) {
            if (state == CallState.ENDED) {
                return false;
            }
            state = CallState.ENDED;
            endedAt = clock.instant();
            this.finalStatus = finalStatus;
            this.endedBy = by;
            this.endReason = reason;
        }
        caller.signaling().release();
        callee.signaling().release();
        MediaTotals totals;
        try {
            totals = media.release(this);
        } catch (MediaException e) {
            LOG.warning(() -> "media of call " + id + " not released: " + e.getMessage());
            totals = MediaTotals.NONE;
        }
        synchronized (this) {
            mediaTotals = totals;
        }
        listener.on(new CallEvent.Ended(this));
        return true;
    }

    /**
     * Ends the call from outside its legs (the REST API, a timer, the media watch): an answered call gets
     * a BYE on both legs and ends with 200; a ringing one is cancelled towards the callee, answered
     * {@code status} towards the caller, and ends with {@code status}. Ended by the system either way, for
     * {@code reason} (kept as {@link #endReason()}).
     *
     * @return false if the call had already ended
     */
    public boolean hangUp(int status, String reason) {
        CallState was = state();
        if (was == CallState.ENDED) {
            return false;
        }
        caller.signaling().hangUp(status, reason);
        callee.signaling().hangUp(status, reason);
        return end(was == CallState.ANSWERED ? 200 : status, EndedBy.SYSTEM, reason);
    }

    /**
     * The party on {@code stays} now talks to {@code target} in call {@code newCall} (a blind transfer,
     * its media already moved): the listener hears {@link CallEvent.Transferred}, the other party is
     * released (a BYE), and this call ends, by the system, for that reason.
     *
     * @return false if the call was not answered (nothing done)
     */
    public boolean transferred(Side stays, String target, CallId newCall) {
        if (state() != CallState.ANSWERED) {
            return false;
        }
        listener.on(new CallEvent.Transferred(this, stays, target, newCall));
        leg(stays.other()).signaling().hangUp(200, "Transferred");
        return end(200, EndedBy.SYSTEM, "Transferred to " + target + " (call " + newCall + ")");
    }

    /** Why Ponte ended the call ({@link #hangUp}'s reason: a timeout, the API, an expired session), or null. */
    public synchronized String endReason() {
        return endReason;
    }

    public CallId id() {
        return id;
    }

    /**
     * The identifier Ponte gave this call: its call record's key. Unlike the Call-ID, which a phone chooses
     * and may reuse, it is unique to this call.
     */
    public UUID recordId() {
        return recordId;
    }

    public Leg caller() {
        return caller;
    }

    public Leg callee() {
        return callee;
    }

    public Leg leg(Side side) {
        return side == Side.CALLER ? caller : callee;
    }

    public synchronized CallState state() {
        return state;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** When the callee side answered, or null. */
    public synchronized Instant answeredAt() {
        return answeredAt;
    }

    /** When the call ended, or null while it goes on. */
    public synchronized Instant endedAt() {
        return endedAt;
    }

    /** The SIP status that decided the call, once it has ended (0 before). */
    public synchronized int finalStatus() {
        return finalStatus;
    }

    /** Who ended the call, once it has ended (null before). */
    public synchronized EndedBy endedBy() {
        return endedBy;
    }

    /** How the call ended, once it has (null before). */
    public synchronized Disposition disposition() {
        return state == CallState.ENDED ? Disposition.ofFinalStatus(finalStatus) : null;
    }

    /** What the media server carried, once the call has ended ({@link MediaTotals#NONE} before, or if unknown). */
    public synchronized MediaTotals media() {
        return mediaTotals == null ? MediaTotals.NONE : mediaTotals;
    }

    @Override
    public String toString() {
        return "call " + id + " (" + caller.party() + " -> " + callee.party() + ", " + state() + ")";
    }
}
