package io.ponte.call;

/** What carries a leg's signaling. Every kind's media passes the same {@link io.ponte.media.MediaAnchor}. */
public enum LegKind {
    /** A SIP dialog (RFC 3261) with a phone or softphone, one of Ponte's B2BUA legs. */
    SIP
}
