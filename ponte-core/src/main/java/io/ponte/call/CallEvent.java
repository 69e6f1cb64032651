package io.ponte.call;

/**
 * Something that happened in a call's life. The live view of calls and the call records are built from
 * these, and from nothing else. Each carries the call itself: read it for the details as of the event.
 */
public sealed interface CallEvent {

    Call call();

    /** The call exists and rings (it may still be refused before anything rings). */
    record Started(Call call) implements CallEvent {
    }

    /** A phone of {@code side} is alerting (a 180 or 183, or an app showing the call); told once per side. */
    record Ringing(Call call, Side side) implements CallEvent {
    }

    /** The callee side answered; media flows both ways. */
    record Answered(Call call) implements CallEvent {
    }

    /**
     * A DTMF digit crossed the call's media (RFC 4733), sent by {@code side}'s party or played into its
     * media for the other (null: the media server did not say which).
     */
    record Dtmf(Call call, Side side, char digit, int durationMillis) implements CallEvent {
    }

    /**
     * The party on {@code stays} was transferred to {@code target}, in the new call {@code newCall}; the
     * other party is released and this call ends next.
     */
    record Transferred(Call call, Side stays, String target, CallId newCall) implements CallEvent {
    }

    /** The call is over, its media released; its final status, who ended it and its media totals are set. */
    record Ended(Call call) implements CallEvent {
    }
}
