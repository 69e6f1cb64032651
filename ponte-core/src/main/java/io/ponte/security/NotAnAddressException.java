package io.ponte.security;

/** A ban was asked for something that is not an IPv4 or IPv6 address literal. */
public class NotAnAddressException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public NotAnAddressException(String text) {
        super("not an IP address: " + text);
    }
}
