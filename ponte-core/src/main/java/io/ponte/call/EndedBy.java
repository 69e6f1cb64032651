package io.ponte.call;

/** Who ended a call: one of its sides (a BYE, CANCEL or refusal from that leg), or Ponte itself. */
public enum EndedBy {
    CALLER, CALLEE, SYSTEM;

    public static EndedBy of(Side side) {
        return side == Side.CALLER ? CALLER : CALLEE;
    }
}
