package io.ponte.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.ponte.registrar.RegisterRequest.ContactSpec;
import io.ponte.sip.Aor;

/** RFC 3261 section 10.3 steps 6 and 7, without a database. */
class BindingPlanTest {

    private static final BindingPlan.Limits LIMITS = new BindingPlan.Limits(60, 3600, 3600, 3);

    private static RegisterRequest request(Integer expiresHeader, boolean wildcard, ContactSpec... contacts) {
        return new RegisterRequest(new Aor("201", "ponte.local"), null, List.of(contacts), wildcard, expiresHeader,
                "call-1", 1, "test", "127.0.0.1:5070", "udp");
    }

    @Test
    void contactExpiresBeatsTheHeaderWhichBeatsTheDefault() {
        BindingPlan plan = BindingPlan.of(request(300, false,
                new ContactSpec("sip:a@h", 120, null), new ContactSpec("sip:b@h", null, 0.5)), LIMITS);
        assertEquals(120, plan.upserts().get("sip:a@h").expires());
        assertEquals(300, plan.upserts().get("sip:b@h").expires());
        assertEquals(0.5, plan.upserts().get("sip:b@h").q());
        assertEquals(3600, BindingPlan.of(request(null, false, new ContactSpec("sip:c@h", null, null)), LIMITS)
                .upserts().get("sip:c@h").expires());
    }

    @Test
    void moreContactsThanAnAddressOfRecordMayHaveAreRefusedWith403() {
        BindingPlan three = BindingPlan.of(request(300, false, new ContactSpec("sip:a@h", null, null),
                new ContactSpec("sip:b@h", null, null), new ContactSpec("sip:c@h", null, null)), LIMITS);
        assertTrue(three.refusal().isEmpty(), "as many as allowed");
        BindingPlan four = BindingPlan.of(request(300, false, new ContactSpec("sip:a@h", null, null), new ContactSpec("sip:b@h", null, null),
                new ContactSpec("sip:c@h", null, null), new ContactSpec("sip:d@h", null, null)), LIMITS);
        assertEquals(403, four.refusal().orElseThrow().status());
        assertEquals("Forbidden (at most 3 contacts)", four.refusal().orElseThrow().reason());
        BindingPlan removals = BindingPlan.of(request(0, false, new ContactSpec("sip:a@h", null, null), new ContactSpec("sip:b@h", null, null),
                new ContactSpec("sip:c@h", null, null), new ContactSpec("sip:d@h", null, null)), LIMITS);
        assertTrue(removals.refusal().isEmpty(), "removing any number of contacts is fine");
    }

    @Test
    void tooLongIsShortenedToTheMaximum() {
        assertEquals(3600, BindingPlan.of(request(86400, false, new ContactSpec("sip:a@h", null, null)), LIMITS)
                .upserts().get("sip:a@h").expires());
    }

    @Test
    void tooShortIs423WithMinExpires() {
        RegisterOutcome refusal = BindingPlan.of(request(10, false, new ContactSpec("sip:a@h", null, null)), LIMITS)
                .refusal().orElseThrow();
        assertEquals(423, refusal.status());
        assertEquals(60, refusal.minExpires());
    }

    @Test
    void expiresZeroRemovesThatContactOnly() {
        BindingPlan plan = BindingPlan.of(request(600, false,
                new ContactSpec("sip:a@h", 0, null), new ContactSpec("sip:b@h", null, null)), LIMITS);
        assertEquals(Set.of("sip:a@h"), plan.removals().keySet());
        assertEquals(Set.of("sip:b@h"), plan.upserts().keySet());
        assertFalse(plan.removeAll());
    }

    @Test
    void wildcardWithExpiresZeroRemovesAll() {
        BindingPlan plan = BindingPlan.of(request(0, true), LIMITS);
        assertTrue(plan.removeAll());
        assertTrue(plan.refusal().isEmpty());
    }

    @Test
    void wildcardWithoutExpiresZeroOrWithOtherContactsIs400() {
        assertEquals(400, BindingPlan.of(request(3600, true), LIMITS).refusal().orElseThrow().status());
        assertEquals(400, BindingPlan.of(request(null, true), LIMITS).refusal().orElseThrow().status());
        assertEquals(400, BindingPlan.of(request(0, true, new ContactSpec("sip:a@h", null, null)), LIMITS)
                .refusal().orElseThrow().status());
    }

    @Test
    void noContactIsAQueryThatChangesNothing() {
        BindingPlan plan = BindingPlan.of(request(null, false), LIMITS);
        assertTrue(plan.upserts().isEmpty() && plan.removals().isEmpty() && !plan.removeAll());
        assertTrue(plan.refusal().isEmpty());
    }

    @Test
    void qOutsideZeroToOneIs400() {
        assertEquals(400, BindingPlan.of(request(600, false, new ContactSpec("sip:a@h", null, 1.5)), LIMITS)
                .refusal().orElseThrow().status());
    }
}
