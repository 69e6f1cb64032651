package io.ponte.sip.registrar;

import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;

import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.URI;

import io.ponte.registrar.RegisterOutcome;
import io.ponte.registrar.RegisterRequest;
import io.ponte.registrar.RegisterRequest.ContactSpec;
import io.ponte.sip.Aor;
import io.ponte.sip.common.RepeatedHeaders;

/** Translates between REGISTER messages and the registrar's value objects. */
final class RegisterMessages {

    private RegisterMessages() {
    }

    /**
     * Reads what the registrar needs from a REGISTER.
     *
     * @throws IllegalArgumentException with a reason phrase if a header is unusable
     */
    static RegisterRequest parse(SipServletRequest request) {
        URI to = request.getTo().getURI();
        if (!(to instanceof SipURI sipTo) || sipTo.getUser() == null) {
            throw new IllegalArgumentException("To must be a sip: URI with a user part");
        }
        List<ContactSpec> contacts = new ArrayList<>();
        boolean wildcard = false;
        try {
            ListIterator<Address> it = request.getAddressHeaders("Contact");
            while (it.hasNext()) {
                Address a = it.next();
                if (a.isWildcard()) {
                    wildcard = true;
                } else {
                    int expires = a.getExpires();
                    float q = a.getQ();
                    contacts.add(new ContactSpec(a.getURI().toString(), expires < 0 ? null : expires,
                            q < 0 ? null : Double.valueOf(q)));
                }
            }
        } catch (ServletParseException e) {
            throw new IllegalArgumentException("Malformed Contact header");
        }
        int expires = request.getExpires();
        return new RegisterRequest(new Aor(sipTo.getUser(), sipTo.getHost()), request.getHeader("Authorization"),
                contacts, wildcard, expires < 0 ? null : expires, request.getCallId(), cseq(request),
                request.getHeader("User-Agent"), request.getRemoteAddr() + ":" + request.getRemotePort(), request.getTransport());
    }

    private static long cseq(SipServletRequest request) {
        String cseq = request.getHeader("CSeq");
        try {
            return Long.parseLong(cseq.trim().split("\\s+")[0]);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Malformed CSeq header");
        }
    }

    /** The response that carries {@code outcome}. */
    static SipServletResponse response(SipServletRequest request, RegisterOutcome outcome) {
        SipServletResponse response = request.createResponse(outcome.status(), outcome.reason());
        for (RegisterOutcome.BoundContact b : outcome.bindings()) {
            response.addHeader("Contact", "<" + b.uri() + ">;expires=" + b.expiresInSeconds()
                    + (b.q() == null ? "" : ";q=" + b.q()));
        }
        for (String challenge : outcome.challenges()) {
            RepeatedHeaders.add(response, "WWW-Authenticate", challenge);
        }
        if (outcome.minExpires() != null) {
            response.setHeader("Min-Expires", Integer.toString(outcome.minExpires()));
        }
        if (outcome.status() == 200) {
            response.setHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        }
        return response;
    }
}
