package io.ponte.security;

import java.util.logging.Logger;

/**
 * The security log ({@code security.log}): one line per event, {@code EVENT key=value...}, values never
 * containing a blank unless quoted, so fail2ban or a SIEM parses it with one expression (README, Security).
 * No secrets: no password, digest response or nonce is ever written.
 */
public final class SecurityLog {

    /** The category wildfly-config sends to security.log. */
    public static final String CATEGORY = "io.ponte.security";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private SecurityLog() {
    }

    public static void authFailed(Peer peer, String method, String extension) {
        LOG.warning(() -> "AUTH_FAILED source=" + peer.address() + " port=" + peer.port() + " transport="
                + lower(peer.transport()) + " method=" + token(method) + " extension=" + token(extension));
    }

    /** A REST API request with wrong Basic credentials ({@code user} as sent; never the password). */
    public static void apiLoginFailed(String address, int port, String user) {
        LOG.warning(() -> "API_LOGIN_FAILED source=" + address + " port=" + port + " user=" + token(user));
    }

    public static void banned(Ban ban) {
        LOG.warning(() -> "BANNED source=" + ban.address() + " until=" + ban.expires() + " origin=" + ban.origin()
                + " reason=" + quoted(ban.reason()));
    }

    public static void unbanned(String address, String by) {
        LOG.warning(() -> "UNBANNED source=" + address + " by=" + by);
    }

    public static void flooding(String address, int port, String transport, int rate, long blockSeconds) {
        LOG.warning(() -> "FLOOD source=" + address + " port=" + port + " transport=" + lower(transport)
                + " limit=" + rate + "/s blocked=" + blockSeconds + "s");
    }

    /** A call refused by the dialing rules (class of service, call limits, no hairpin through a trunk). */
    public static void callRefused(String caller, String callee, String reason) {
        LOG.warning(() -> "CALL_REFUSED caller=" + token(caller) + " callee=" + token(callee) + " reason=" + quoted(reason));
    }

    public static void malformed(String address, int port, String transport, String what) {
        LOG.warning(() -> "MALFORMED source=" + address + " port=" + port + " transport=" + lower(transport)
                + " detail=" + quoted(what));
    }

    private static String lower(String s) {
        return s == null ? "-" : s.toLowerCase(java.util.Locale.ROOT);
    }

    /** A value as one token: printable, no blanks or quotes (what a scanner sends as a user part is arbitrary). */
    static String token(String s) {
        if (s == null || s.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 64));
        for (int i = 0; i < s.length() && b.length() < 64; i++) {
            char c = s.charAt(i);
            b.append(c > 0x20 && c < 0x7f && c != '"' && c != '=' ? c : '?');
        }
        return b.toString();
    }

    private static String quoted(String s) {
        return "\"" + (s == null ? "" : s.replaceAll("[\\p{Cntrl}\"]", "'")) + "\"";
    }
}
