package io.ponte.call;

import java.util.Objects;

/**
 * One side of a call: its kind, the party on it (an extension, or for an app user without one a name like
 * {@code cc-1001}), the ConnectyCube user on a ConnectyCube leg, the trunk its party is reached through
 * (an outside party: a call that came in from a trunk, or went out through one), the tag the media server
 * knows it by, and its signaling. The caller's media tag is known when the call starts; the callee's when it answers (which
 * of the callee's phones answered is only known then).
 */
public final class Leg {

    private final Side side;
    private final LegKind kind;
    private final String party;
    private final Long connectycubeUserId;
    private final String trunk;
    private final LegSignaling signaling;
    private volatile String mediaTag;

    /** A SIP leg. */
    public Leg(Side side, LegKind kind, String party, String mediaTag, LegSignaling signaling) {
        this(side, kind, party, null, mediaTag, signaling);
    }

    /** A leg of any kind; {@code connectycubeUserId} is set exactly for a ConnectyCube leg. */
    public Leg(Side side, LegKind kind, String party, Long connectycubeUserId, String mediaTag, LegSignaling signaling) {
        this(side, kind, party, connectycubeUserId, null, mediaTag, signaling);
    }

    /** A SIP leg to or from an outside party, through the trunk named {@code trunk} (null: no trunk). */
    public static Leg sip(Side side, String party, String trunk, String mediaTag, LegSignaling signaling) {
        return new Leg(side, LegKind.SIP, party, null, trunk, mediaTag, signaling);
    }

    private Leg(Side side, LegKind kind, String party, Long connectycubeUserId, String trunk, String mediaTag, LegSignaling signaling) {
        this.side = Objects.requireNonNull(side);
        this.kind = Objects.requireNonNull(kind);
        this.party = Objects.requireNonNull(party);
        if ((kind == LegKind.CONNECTYCUBE) != (connectycubeUserId != null)) {
            throw new IllegalArgumentException("a ConnectyCube leg, and only one, names its ConnectyCube user");
        }
        this.connectycubeUserId = connectycubeUserId;
        if (trunk != null && kind != LegKind.SIP) {
            throw new IllegalArgumentException("only a SIP leg goes through a trunk");
        }
        this.trunk = trunk;
        this.signaling = Objects.requireNonNull(signaling);
        this.mediaTag = mediaTag;
    }

    public Side side() {
        return side;
    }

    public LegKind kind() {
        return kind;
    }

    /** Who is on this leg: the caller's or the dialed extension. */
    public String party() {
        return party;
    }

    /** The ConnectyCube user on a ConnectyCube leg, null on a SIP leg. */
    public Long connectycubeUserId() {
        return connectycubeUserId;
    }

    /** The trunk this leg's party is reached through, or null for a subscriber or an app user. */
    public String trunk() {
        return trunk;
    }

    /** Whether this leg's party is outside: reached through a trunk. */
    public boolean outside() {
        return trunk != null;
    }

    public LegSignaling signaling() {
        return signaling;
    }

    /** The media server's name for this side, or null while the callee has not answered. */
    public String mediaTag() {
        return mediaTag;
    }

    /** Names this side to the media server: the answering phone's tag, once it answers. */
    public void identify(String tag) {
        this.mediaTag = Objects.requireNonNull(tag);
    }

    @Override
    public String toString() {
        return side + " " + kind + " " + party;
    }
}
