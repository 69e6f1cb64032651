package io.ponte.call;

/**
 * The life of a call: it rings until the callee side answers or it ends; an answered call ends. No state
 * is ever left for an earlier one.
 *
 * <pre>
 *   RINGING --answered--> ANSWERED --end--> ENDED
 *      \-------------------end-----------------^
 * </pre>
 */
public enum CallState {
    RINGING, ANSWERED, ENDED
}
