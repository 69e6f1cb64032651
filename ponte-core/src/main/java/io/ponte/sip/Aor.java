package io.ponte.sip;

import java.util.Locale;

/**
 * An address of record (RFC 3261 section 10.2): {@code sip:user@host}, compared with the user part
 * case-sensitive and the host case-insensitive, parameters and port dropped.
 */
public record Aor(String user, String host) {

    public Aor {
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("the address of record has no user part");
        }
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("the address of record has no host");
        }
        host = host.toLowerCase(Locale.ROOT);
    }

    /** The extension named by the user part. */
    public Extension extension() {
        return Extension.parse(user);
    }

    @Override
    public String toString() {
        return "sip:" + user + "@" + host;
    }
}
