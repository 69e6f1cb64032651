package io.ponte.sip.edge;

import java.util.List;

/** What the edge decided about one message. */
public sealed interface Verdict {

    /** The message goes on to JAIN-SIP and the servlets. */
    record Pass() implements Verdict {
    }

    /**
     * The message is answered here and goes no further.
     *
     * @param headers extra header lines for the answer, e.g. {@code "Unsupported: foo"}
     */
    record Answer(int status, String reason, List<String> headers) implements Verdict {
        public Answer(int status, String reason) {
            this(status, reason, List.of());
        }
    }

    /** The message is dropped without an answer (garbage, a response, an ACK); {@code problem} says why. */
    record Drop(String problem) implements Verdict {
    }

    Verdict PASS = new Pass();
}
