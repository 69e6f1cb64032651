package io.ponte.events;

import java.time.Duration;
import java.util.function.Function;

import io.ponte.config.PonteSettings;

/**
 * How long the event stream keeps events for clients that reconnect ({@code PONTE_EVENT_RETENTION},
 * seconds, default a day) and how often each node looks for new ones ({@code PONTE_EVENT_POLL_MILLIS},
 * default 50 ms: the most an event waits, once stored, before a client of any node has it).
 */
public record EventSettings(Duration retention, Duration poll) {

    public EventSettings {
        if (retention.isNegative() || retention.isZero() || poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("PONTE_EVENT_RETENTION and PONTE_EVENT_POLL_MILLIS must be at least 1");
        }
    }

    public static EventSettings fromRuntime() {
        return from(PonteSettings::runtimeValue);
    }

    static EventSettings from(Function<String, String> setting) {
        return new EventSettings(Duration.ofSeconds(PonteSettings.wholeNumber(setting, "PONTE_EVENT_RETENTION", 86_400)),
                Duration.ofMillis(PonteSettings.wholeNumber(setting, "PONTE_EVENT_POLL_MILLIS", 50)));
    }
}
