package io.ponte.call;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Calls the API places and moves (third-party call control, RFC 3725): click-to-call, where the
 * {@code from} subscriber's phones ring first and the {@code to} party is called once one answers; and
 * blind transfer, where one party of an answered call is connected to someone else and the other is
 * released. The SIP side, which owns the sessions, does the signaling.
 */
@ApplicationScoped
public class CallControl {

    /** Does the signaling: implemented by the SIP side. */
    public interface Controller {

        /**
         * Starts a call from subscriber {@code from} to {@code to} and returns it at once, ringing, or
         * already ended with the reason in its final status ({@code to} unknown: 404, {@code from} not
         * registered: 480).
         */
        Call dial(String from, String to);

        /**
         * Blind transfer: {@code call}'s party on side {@code stays} is connected to {@code to}'s phones in a
         * new call (returned, ringing); once that party's media is moved, the other party is released and
         * {@code call} ends as transferred.
         *
         * @throws TransferRefusedException if the call cannot be transferred (not answered, not a SIP
         *         party, {@code to} unreachable); the call then goes on as it was
         */
        Call transfer(Call call, Side stays, String to) throws TransferRefusedException;

        /**
         * Attended transfer: {@code call}'s party on side {@code stays} and {@code consultation}'s party on side
         * {@code joins} are joined in a new call (returned); the other parties (the transferor, on both calls)
         * are released and both calls end as transferred.
         *
         * @throws TransferRefusedException if either call is not an answered call between SIP phones here
         */
        Call attendedTransfer(Call call, Side stays, Call consultation, Side joins) throws TransferRefusedException;
    }

    private volatile Controller controller;

    /** Called once SIP has started. */
    public void controlWith(Controller c) {
        this.controller = c;
    }

    /** The new call, or empty while SIP is not started. */
    public Optional<Call> place(String from, String to) {
        Controller c = controller;
        return c == null ? Optional.empty() : Optional.of(c.dial(from, to));
    }

    /** The attended transfer's new call, or empty while SIP is not started. */
    public Optional<Call> attendedTransfer(Call call, Side stays, Call consultation, Side joins) throws TransferRefusedException {
        Controller c = controller;
        return c == null ? Optional.empty() : Optional.of(c.attendedTransfer(call, stays, consultation, joins));
    }

    /** The transfer's new call, or empty while SIP is not started. */
    public Optional<Call> transfer(Call call, Side stays, String to) throws TransferRefusedException {
        Controller c = controller;
        return c == null ? Optional.empty() : Optional.of(c.transfer(call, stays, to));
    }
}
