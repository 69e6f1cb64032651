package io.ponte.call;

/** Acts on calls in progress from outside the SIP container (the REST API). */
public interface CallControl {

    /**
     * Hangs up a call in progress on this node: BYE to both legs if it was answered, CANCEL towards
     * the callee and 487 to the caller if it still rings.
     *
     * @return false if no such call is in progress here
     */
    boolean hangUp(String callId);
}
