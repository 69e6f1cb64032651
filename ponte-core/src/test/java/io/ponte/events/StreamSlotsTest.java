package io.ponte.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StreamSlotsTest {

    @Test
    void eachUserAndTheNodeStayWithinTheirLimits() {
        StreamSlots slots = new StreamSlots(3, 2);
        assertEquals(EventFeed.Opened.OPENED, slots.acquire("admin"));
        assertEquals(EventFeed.Opened.OPENED, slots.acquire("admin"));
        assertEquals(EventFeed.Opened.USER_FULL, slots.acquire("admin"));
        assertEquals(EventFeed.Opened.OPENED, slots.acquire("ops"));
        assertEquals(EventFeed.Opened.NODE_FULL, slots.acquire("noc"));
        slots.release("admin");
        assertEquals(2, slots.open());
        assertEquals(EventFeed.Opened.OPENED, slots.acquire("noc"));
        assertThrows(IllegalStateException.class, () -> slots.release("nobody"));
    }
}
