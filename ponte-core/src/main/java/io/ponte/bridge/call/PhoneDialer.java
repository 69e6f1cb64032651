package io.ponte.bridge.call;

import io.ponte.call.Call;
import io.ponte.call.Leg;

/**
 * Rings a subscriber's phones for a call that an app user placed: implemented by the SIP side, which owns
 * the SIP sessions, the forking and the ring timeout.
 */
public interface PhoneDialer {

    /**
     * Starts a call from {@code caller} (a ConnectyCube leg) to the phones registered for
     * {@code calleeExtension}: the offer goes through the call's media anchor and every phone is INVITEd.
     * Refusals (no phone registered, media server down) end the call at once through the caller's leg.
     *
     * @param callerName how the caller is shown on the phones
     * @return the call, ringing, or already ended if it was refused
     */
    Call dial(String sessionId, Leg caller, String calleeExtension, String offerSdp, String callerName);
}
