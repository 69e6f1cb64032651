package io.ponte.dialing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CallRightsTest {

    @Test
    void byDefaultEveryClassButPremiumAndEveryUnclassedNumber() {
        assertTrue(CallRights.DEFAULT.mayDial("international"));
        assertTrue(CallRights.DEFAULT.mayDial(null), "a number no trunk classes");
        assertFalse(CallRights.DEFAULT.mayDial(CallRights.PREMIUM));
    }

    @Test
    void listedClassesAreAllThatMayBeDialled() {
        CallRights national = CallRights.only(List.of("national"));
        assertTrue(national.mayDial("national"));
        assertFalse(national.mayDial("international"));
        assertTrue(national.mayDial(null));
        CallRights none = CallRights.only(List.of());
        assertFalse(none.mayDial("national"), "an empty list allows no classed number");
        assertTrue(CallRights.only(List.of("premium")).mayDial("premium"));
    }

    @Test
    void classesAreStoredAndReadBack() {
        CallRights r = CallRights.only(List.of("national", "international"));
        assertEquals("international,national", r.classesText());
        assertEquals(r.classes(), CallRights.parseClasses(r.classesText()));
        assertNull(CallRights.DEFAULT.classesText());
        assertNull(CallRights.parseClasses(null));
        assertEquals(Set.of(), CallRights.parseClasses(""));
    }

    @Test
    void limitsFallBackToTheNodesAndMustBePositive() {
        assertEquals(8, CallRights.DEFAULT.maxCallsOr(8));
        assertEquals(2, new CallRights(null, 2, 5).maxCallsOr(8));
        assertEquals(5, new CallRights(null, 2, 5).maxCallsPerMinuteOr(30));
        assertThrows(IllegalArgumentException.class, () -> new CallRights(null, 0, null));
        assertThrows(IllegalArgumentException.class, () -> CallRights.only(List.of("Inter national")));
    }
}
