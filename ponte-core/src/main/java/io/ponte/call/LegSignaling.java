package io.ponte.call;

/**
 * The signaling side of one leg, as its kind implements it: what the call asks of the far end when it is
 * ended from outside (the REST API, the ring timeout, the media watch), and when it is over.
 */
public interface LegSignaling {

    /**
     * Ends this leg's signaling as its state requires: a BYE once its dialog is established; before that,
     * CANCEL towards a callee that still rings, or the final answer {@code status} to a caller still waiting.
     * Never throws: a leg that is already ending is left alone.
     */
    void hangUp(int status, String reason);

    /** The call is over: let go of whatever the leg holds (sessions, timers) once its last exchange ends. */
    void release();
}
