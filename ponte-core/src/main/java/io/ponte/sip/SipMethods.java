package io.ponte.sip;

import java.util.List;

/** SIP method names Ponte handles, compared as constants. */
public final class SipMethods {
    public static final String REGISTER = "REGISTER";
    public static final String OPTIONS = "OPTIONS";
    public static final String INVITE = "INVITE";
    public static final String ACK = "ACK";
    public static final String BYE = "BYE";
    public static final String CANCEL = "CANCEL";
    public static final String UPDATE = "UPDATE";
    public static final String INFO = "INFO";
    public static final String REFER = "REFER";
    public static final String NOTIFY = "NOTIFY";

    /** What the {@code Allow} header advertises today (REFER within a call: a blind transfer). */
    public static final List<String> ALLOWED = List.of(REGISTER, OPTIONS, INVITE, ACK, BYE, CANCEL, UPDATE, INFO, REFER);

    private SipMethods() {
    }
}
