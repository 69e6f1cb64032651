package io.ponte.call;

import java.time.Clock;

import io.ponte.cdr.CdrRecorder;
import io.ponte.media.MediaAnchor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Starts calls, wired to the media anchor and to what is built from their events: the live view of this
 * node's calls ({@link ActiveCalls}), the call records ({@link CdrRecorder}) and the live event stream
 * ({@link CallEventPublisher}), and the counts of the dialing limits ({@link DialingPolicy}).
 */
@ApplicationScoped
public class Calls {

    @Inject
    MediaAnchor media;

    @Inject
    ActiveCalls active;

    @Inject
    CdrRecorder records;

    @Inject
    CallEventPublisher stream;

    @Inject
    DialingPolicy dialing;

    private final CallListener listeners = event -> {
        active.on(event);
        dialing.on(event);
        records.on(event);
        stream.on(event);
    };

    /** A new call, ringing, already in the live view. */
    public Call start(CallId id, Leg caller, Leg callee) {
        return Call.start(id, caller, callee, media, listeners, Clock.systemUTC());
    }
}
