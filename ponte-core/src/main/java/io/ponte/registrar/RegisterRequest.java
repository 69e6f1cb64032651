package io.ponte.registrar;

import java.util.List;

import io.ponte.sip.Aor;

/**
 * A REGISTER request as the registrar needs it, parsed once from the SIP message.
 *
 * @param aor           the To header's address of record
 * @param authorization the {@code Authorization} header value, null if none
 * @param contacts      the Contact headers, empty for a query; ignored when {@code wildcard}
 * @param wildcard      the request carried {@code Contact: *}
 * @param expiresHeader the {@code Expires} header, null if absent
 * @param callId        Call-ID
 * @param cseq          CSeq number
 * @param userAgent     User-Agent header, null if absent
 * @param source        where the request came from ({@code ip:port})
 */
public record RegisterRequest(Aor aor, String authorization, List<ContactSpec> contacts, boolean wildcard,
                              Integer expiresHeader, String callId, long cseq, String userAgent, String source,
                              String transport) {

    public RegisterRequest {
        contacts = List.copyOf(contacts);
    }

    /** One Contact header: the URI and its {@code expires} and {@code q} parameters if given. */
    public record ContactSpec(String uri, Integer expires, Double q) {
    }
}
