package io.ponte.sip.edge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * At most one warning per source per minute: a scanner or a broken device sending junk costs one log
 * line a minute, not one per message. The line after a quiet minute says how many were not logged.
 */
final class WarnLimiter {

    static final long WINDOW_MILLIS = 60_000;
    /** Past this many sources the table is cleared rather than grown (a spoofed-source flood). */
    private static final int MAX_SOURCES = 10_000;

    private record Window(long start, int suppressed) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    WarnLimiter(LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * Whether a warning about {@code source} may be logged now; if so, how many were held back since the
     * last one (0 or more), else -1.
     */
    int admit(String source) {
        long now = clock.getAsLong();
        if (windows.size() > MAX_SOURCES) {
            windows.clear();
        }
        int[] held = {-1};
        windows.compute(source, (k, w) -> {
            if (w == null || now - w.start >= WINDOW_MILLIS) {
                held[0] = w == null ? 0 : w.suppressed;
                return new Window(now, 0);
            }
            return new Window(w.start, w.suppressed + 1);
        });
        return held[0];
    }
}
