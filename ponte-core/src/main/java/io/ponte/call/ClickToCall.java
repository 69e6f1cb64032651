package io.ponte.call;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Calls that the API places between two parties (third-party call control, RFC 3725): the {@code from}
 * subscriber's phones ring first, and once one answers the {@code to} party is called and the two are
 * joined through the media anchor. The SIP side, which owns the sessions, does the dialing.
 */
@ApplicationScoped
public class ClickToCall {

    /** Rings the parties of a click-to-call: implemented by the SIP side. */
    @FunctionalInterface
    public interface Dialer {

        /**
         * Starts a call from subscriber {@code from} to {@code to} and returns it at once, ringing, or
         * already ended with the reason in its final status ({@code to} unknown: 404, {@code from} not
         * registered: 480).
         */
        Call dial(String from, String to);
    }

    private volatile Dialer dialer;

    /** Called once SIP has started. */
    public void dialWith(Dialer d) {
        this.dialer = d;
    }

    /** The new call, or empty while SIP is not started. */
    public Optional<Call> place(String from, String to) {
        Dialer d = dialer;
        return d == null ? Optional.empty() : Optional.of(d.dial(from, to));
    }
}
