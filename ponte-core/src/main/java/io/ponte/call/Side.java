package io.ponte.call;

/** The two sides of a call: whoever placed it, and whoever it was placed to. */
public enum Side {
    CALLER, CALLEE;

    public Side other() {
        return this == CALLER ? CALLEE : CALLER;
    }
}
