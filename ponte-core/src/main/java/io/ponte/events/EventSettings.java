package io.ponte.events;

import java.time.Duration;
import java.util.function.Function;

import io.ponte.config.PonteSettings;

/**
 * The event stream's settings: how long it keeps events for clients that reconnect
 * ({@code PONTE_EVENT_RETENTION}, seconds, default a day); how often each node looks for new ones
 * ({@code PONTE_EVENT_POLL_MILLIS}, default 50 ms: the most an event waits, once stored, before a client of
 * any node has it); the most streams a node serves ({@code PONTE_EVENT_MAX_STREAMS}, 64) and one API user
 * opens on it ({@code PONTE_EVENT_MAX_STREAMS_PER_USER}, 16); how many events a client may fall behind
 * before it is cut off ({@code PONTE_EVENT_CLIENT_BACKLOG}, 2000: the events a node holds in memory).
 */
public record EventSettings(Duration retention, Duration poll, int maxStreams, int maxStreamsPerUser, int clientBacklog) {

    public EventSettings {
        if (retention.isNegative() || retention.isZero() || poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("PONTE_EVENT_RETENTION and PONTE_EVENT_POLL_MILLIS must be at least 1");
        }
        if (maxStreams < 1 || maxStreamsPerUser < 1 || clientBacklog < 1) {
            throw new IllegalArgumentException(
                    "PONTE_EVENT_MAX_STREAMS, PONTE_EVENT_MAX_STREAMS_PER_USER and PONTE_EVENT_CLIENT_BACKLOG must be at least 1");
        }
    }

    public static EventSettings fromRuntime() {
        return from(PonteSettings::runtimeValue);
    }

    static EventSettings from(Function<String, String> setting) {
        return new EventSettings(Duration.ofSeconds(PonteSettings.wholeNumber(setting, "PONTE_EVENT_RETENTION", 86_400)),
                Duration.ofMillis(PonteSettings.wholeNumber(setting, "PONTE_EVENT_POLL_MILLIS", 50)),
                PonteSettings.wholeNumber(setting, "PONTE_EVENT_MAX_STREAMS", 64),
                PonteSettings.wholeNumber(setting, "PONTE_EVENT_MAX_STREAMS_PER_USER", 16),
                PonteSettings.wholeNumber(setting, "PONTE_EVENT_CLIENT_BACKLOG", 2000));
    }
}
