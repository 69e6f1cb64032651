package io.ponte.sip.common;

import io.ponte.stats.SipStatistics;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/** Hands the SIP servlets the shared services that are not tied to one feature. */
@Stateless
@LocalBean
public class SipServices {

    @Inject
    SipStatistics statistics;

    public SipStatistics statistics() {
        return statistics;
    }
}
