package io.ponte.sip;

/** The SIP status codes Ponte answers with (RFC 3261 section 21 and extensions), in one place. */
public final class SipStatus {
    public static final int OK = 200;
    public static final int BAD_REQUEST = 400;
    public static final int UNAUTHORIZED = 401;
    public static final int FORBIDDEN = 403;
    public static final int NOT_FOUND = 404;
    public static final int METHOD_NOT_ALLOWED = 405;
    public static final int PROXY_AUTHENTICATION_REQUIRED = 407;
    public static final int INTERVAL_TOO_BRIEF = 423;
    public static final int TEMPORARILY_UNAVAILABLE = 480;
    public static final int BUSY_HERE = 486;
    public static final int NOT_ACCEPTABLE_HERE = 488;
    public static final int NOT_IMPLEMENTED = 501;
    public static final int REQUEST_TERMINATED = 487;
    public static final int SERVER_INTERNAL_ERROR = 500;
    public static final int SERVICE_UNAVAILABLE = 503;
    public static final int BUSY_EVERYWHERE = 600;
    public static final int DECLINE = 603;

    private SipStatus() {
    }
}
