package io.ponte.call;

/**
 * The signaling side of one leg, as its kind implements it. Every leg can be ended from outside (the REST
 * API, the ring timeout, the media watch, the other leg hanging up) and released when the call is over.
 * A caller's leg is also told how the callee is doing, whatever the callee's kind: ringing, answered.
 * (A callee's leg is rung by whoever created it; that differs too much between kinds to share.)
 */
public interface LegSignaling {

    /**
     * Ends this leg's signaling as its state requires: a BYE (or ConnectyCube {@code hangUp}) once the leg
     * is established; before that, a cancel towards a callee that still rings, or the final answer
     * {@code status} (SIP) or a {@code reject} (ConnectyCube) to a caller still waiting.
     * Never throws: a leg that is already ending is left alone.
     */
    void hangUp(int status, String reason);

    /** The call is over: let go of whatever the leg holds (sessions, timers) once its last exchange ends. */
    void release();

    /**
     * Caller's leg only: the callee is alerted ({@code status} 180 or 183 in SIP terms). Legs whose
     * signaling has no such message ignore it.
     */
    default void ringing(int status, String reason) {
    }

    /**
     * Caller's leg only: the callee answered; {@code sdp} is the answer for this leg (already through the
     * media anchor).
     *
     * @return false if this leg had already ended (cancelled, given up) and took no answer; the caller of
     *         this method then hangs up the callee
     */
    default boolean answer(String sdp) {
        throw new UnsupportedOperationException("the callee's leg is not answered");
    }
}
