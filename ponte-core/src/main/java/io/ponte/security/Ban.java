package io.ponte.security;

import java.time.Instant;

/**
 * A source address whose SIP requests are dropped unanswered until {@code expires}.
 *
 * @param origin who banned it: {@code AUTO} (failed authentications) or {@code ADMIN} (the REST API)
 */
public record Ban(String address, String reason, Instant created, Instant expires, Origin origin) {

    public enum Origin { AUTO, ADMIN }

    public boolean activeAt(Instant now) {
        return expires.isAfter(now);
    }
}
