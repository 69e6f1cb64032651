package io.ponte.admin.api;


import io.ponte.call.ActiveCalls;
import io.ponte.events.EventFeed;
import io.ponte.registrar.BindingStore;
import io.ponte.stats.SipStatistics;
import io.ponte.subscriber.SubscriberRepository;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** This node's counters: {@code /api/statistics} (SIP, registrations, calls, open event streams). */
@Path("statistics")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class StatisticsResource {

    @Inject
    SipStatistics sip;

    @Inject
    SubscriberRepository subscribers;

    @Inject
    BindingStore bindings;

    @Inject
    ActiveCalls calls;

    @Inject
    EventFeed events;

    @GET
    @Transactional
    public Views.Statistics get() {
        BindingStore.LiveCounts live = bindings.liveCounts();
        ActiveCalls.Counters c = calls.counters();
        java.util.Map<String, Long> ended = new java.util.TreeMap<>();
        c.ended().forEach((d, n) -> ended.put(d.name(), n));
        return new Views.Statistics(sip.uptime().toSeconds(), sip.startedAt(), subscribers.count(), live.subscribers(),
                live.bindings(), sip.requestsByMethod(), sip.responsesByStatus(), sip.authFailures(),
                new Views.CallCounters(c.attempts(), c.active(), c.peak(), ended), sip.sessions(),
                events.clients());
    }
}
