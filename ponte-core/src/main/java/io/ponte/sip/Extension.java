package io.ponte.sip;

import java.util.Objects;

/** A subscriber's extension: the digits that are both its SIP user part and its digest username. */
public final class Extension implements Comparable<Extension> {

    private static final int MAX_DIGITS = 15;
    private final String digits;

    private Extension(String digits) {
        this.digits = digits;
    }

    /**
     * Parses an extension.
     *
     * @throws IllegalArgumentException if {@code text} is not 1 to 15 decimal digits
     */
    public static Extension parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_DIGITS) {
            throw new IllegalArgumentException("an extension is 1 to " + MAX_DIGITS + " digits");
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                throw new IllegalArgumentException("an extension is digits only: '" + text + "'");
            }
        }
        return new Extension(text);
    }

    public long number() {
        return Long.parseLong(digits);
    }

    public String value() {
        return digits;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Extension other && digits.equals(other.digits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(digits);
    }

    @Override
    public int compareTo(Extension o) {
        int byLength = Integer.compare(digits.length(), o.digits.length());
        return byLength != 0 ? byLength : digits.compareTo(o.digits);
    }

    @Override
    public String toString() {
        return digits;
    }
}
