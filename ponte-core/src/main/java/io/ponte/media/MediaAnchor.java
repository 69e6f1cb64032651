package io.ponte.media;

import io.ponte.call.Call;
import io.ponte.call.Side;

/**
 * The one place where a call's media is handed to a media server: every SDP of a call passes through here
 * on its way from one leg to the other, and comes back rewritten so that the media flows through the
 * server (RFC 3264 offer/answer, with the server in the middle of each exchange). The call code never
 * talks to a media server in any other way.
 *
 * <p>A side is known to the media server by its leg's {@link io.ponte.call.Leg#mediaTag() media tag}: the
 * caller's is known from the start, the callee's once it answers.
 */
public interface MediaAnchor {

    /**
     * An offer from {@code from}'s leg (the first INVITE's, or a re-offer within the call).
     *
     * @return the SDP to give the other leg
     */
    String offer(Call call, Side from, String sdp) throws MediaException;

    /**
     * The answer of {@code from}'s leg to the other leg's latest offer.
     *
     * @return the SDP to give the other leg, the offerer
     */
    String answer(Call call, Side from, String sdp) throws MediaException;

    /**
     * ICE candidates that {@code from}'s leg (a WebRTC peer) trickled after its SDP, as an SDP fragment
     * (RFC 8840: {@code a=ice-ufrag}, {@code a=mid} and {@code a=candidate} lines).
     */
    void trickle(Call call, Side from, String sdpFragment) throws MediaException;

    /**
     * Plays one DTMF digit into the media that {@code from}'s leg sends, so the other leg receives it as
     * an RFC 4733 telephone-event (or as tones where it negotiated none).
     *
     * @param digit 0-9, *, #, A-D
     */
    void playDtmf(Call call, Side from, char digit, int durationMillis) throws MediaException;

    /** Whether {@link #playDtmf} can work: the media was set up for digits to be played into it. */
    default boolean playsDtmf() {
        return true;
    }

    /** The call is over: the media server forgets it and says what it carried. */
    MediaTotals release(Call call) throws MediaException;
}
