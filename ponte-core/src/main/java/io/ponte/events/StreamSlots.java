package io.ponte.events;

import java.util.HashMap;
import java.util.Map;

/**
 * How many event streams are open on this node, in all and per API user, each kept within its limit
 * ({@code PONTE_EVENT_MAX_STREAMS}, {@code PONTE_EVENT_MAX_STREAMS_PER_USER}): every stream holds a
 * thread and a connection. Holds an entry only for users with a stream open.
 */
final class StreamSlots {

    private final int max;
    private final int maxPerUser;
    private final Map<String, Integer> perUser = new HashMap<>();
    private int total;

    StreamSlots(int max, int maxPerUser) {
        this.max = max;
        this.maxPerUser = maxPerUser;
    }

    /**
     * Takes a slot for {@code user} when both limits allow ({@code OPENED}), else says which keeps it out
     * ({@code NODE_FULL}, {@code USER_FULL}); a taken slot is given back with {@link #release}.
     */
    synchronized EventFeed.Opened acquire(String user) {
        if (total >= max) {
            return EventFeed.Opened.NODE_FULL;
        }
        int mine = perUser.getOrDefault(user, 0);
        if (mine >= maxPerUser) {
            return EventFeed.Opened.USER_FULL;
        }
        perUser.put(user, mine + 1);
        total++;
        return EventFeed.Opened.OPENED;
    }

    synchronized void release(String user) {
        Integer mine = perUser.get(user);
        if (mine == null) {
            throw new IllegalStateException("no stream of " + user + " is open");
        }
        if (mine == 1) {
            perUser.remove(user);
        } else {
            perUser.put(user, mine - 1);
        }
        total--;
    }

    synchronized int open() {
        return total;
    }
}
