package io.ponte.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StreamSlotsTest {

    @Test
    void eachUserAndTheNodeStayWithinTheirLimits() {
        StreamSlots slots = new StreamSlots(3, 2);
        assertEquals(StreamSlots.Admission.ADMITTED, slots.acquire("admin"));
        assertEquals(StreamSlots.Admission.ADMITTED, slots.acquire("admin"));
        assertEquals(StreamSlots.Admission.USER_FULL, slots.acquire("admin"));
        assertEquals(StreamSlots.Admission.ADMITTED, slots.acquire("ops"));
        assertEquals(StreamSlots.Admission.NODE_FULL, slots.acquire("noc"));
        slots.release("admin");
        assertEquals(2, slots.open());
        assertEquals(StreamSlots.Admission.ADMITTED, slots.acquire("noc"));
        assertThrows(IllegalStateException.class, () -> slots.release("nobody"));
    }
}
