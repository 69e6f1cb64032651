package io.ponte.sip.common;

import java.text.ParseException;

import javax.servlet.sip.SipServletMessage;
import javax.sip.PeerUnavailableException;
import javax.sip.SipFactory;
import javax.sip.header.Header;

import org.mobicents.servlet.sip.message.SipServletMessageImpl;

/**
 * Adds a header that may legally appear several times but that Restcomm's {@code addHeader} treats as a
 * singleton and replaces: {@code WWW-Authenticate} and {@code Proxy-Authenticate}, where RFC 8760
 * section 2.4 wants one challenge per digest algorithm. Goes through the underlying JAIN-SIP message.
 */
public final class RepeatedHeaders {

    private RepeatedHeaders() {
    }

    public static void add(SipServletMessage message, String name, String value) {
        try {
            Header header = SipFactory.getInstance().createHeaderFactory().createHeader(name, value);
            ((SipServletMessageImpl) message).getMessage().addHeader(header);
        } catch (ParseException | PeerUnavailableException e) {
            throw new IllegalArgumentException("cannot add " + name + ": " + e.getMessage(), e);
        }
    }
}
