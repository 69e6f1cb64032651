package io.ponte.registrar;

import java.util.List;

import io.ponte.sip.SipStatus;

/**
 * What the registrar answers: a status and reason, plus the headers that go with it.
 *
 * @param status     SIP status code
 * @param reason     reason phrase; names the problem for 4xx answers
 * @param bindings   for 200: every current binding of the address of record
 * @param challenges for 401: the {@code WWW-Authenticate} values
 * @param minExpires for 423: the {@code Min-Expires} value
 */
public record RegisterOutcome(int status, String reason, List<BoundContact> bindings, List<String> challenges,
                              Integer minExpires) {

    /** A binding as listed in a 200 OK: the contact and its remaining lifetime. */
    public record BoundContact(String uri, long expiresInSeconds, Double q) {
    }

    public static RegisterOutcome ok(List<BoundContact> bindings) {
        return new RegisterOutcome(SipStatus.OK, "OK", List.copyOf(bindings), List.of(), null);
    }

    public static RegisterOutcome challenge(List<String> challenges) {
        return new RegisterOutcome(SipStatus.UNAUTHORIZED, "Unauthorized", List.of(), List.copyOf(challenges), null);
    }

    public static RegisterOutcome intervalTooBrief(int minExpires) {
        return new RegisterOutcome(SipStatus.INTERVAL_TOO_BRIEF, "Interval Too Brief", List.of(), List.of(), minExpires);
    }

    public static RegisterOutcome reject(int status, String reason) {
        return new RegisterOutcome(status, reason, List.of(), List.of(), null);
    }
}
