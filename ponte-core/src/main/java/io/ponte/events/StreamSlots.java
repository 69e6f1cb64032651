package io.ponte.events;

import java.util.HashMap;
import java.util.Map;

/**
 * How many event streams are open on this node, in all and per API user, each kept within its limit
 * ({@code PONTE_EVENT_MAX_STREAMS}, {@code PONTE_EVENT_MAX_STREAMS_PER_USER}): every stream holds a
 * thread and a connection. Holds an entry only for users with a stream open.
 */
final class StreamSlots {

    /** Why a stream was not let in, or that it was. */
    enum Admission { ADMITTED, NODE_FULL, USER_FULL }

    private final int max;
    private final int maxPerUser;
    private final Map<String, Integer> perUser = new HashMap<>();
    private int total;

    StreamSlots(int max, int maxPerUser) {
        this.max = max;
        this.maxPerUser = maxPerUser;
    }

    /** Takes a slot for {@code user} when both limits allow; a taken slot is given back with {@link #release}. */
    synchronized Admission acquire(String user) {
        if (total >= max) {
            return Admission.NODE_FULL;
        }
        int mine = perUser.getOrDefault(user, 0);
        if (mine >= maxPerUser) {
            return Admission.USER_FULL;
        }
        perUser.put(user, mine + 1);
        total++;
        return Admission.ADMITTED;
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
