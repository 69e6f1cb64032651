package io.ponte.registrar;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.ponte.registrar.RegisterRequest.ContactSpec;
import io.ponte.sip.SipStatus;

/**
 * The changes a valid REGISTER asks for (RFC 3261 section 10.3, steps 6 and 7), worked out before any
 * binding is touched: which contacts to add or refresh and for how long, which to remove, or why the
 * request must be refused. A REGISTER that would bind more than {@code maxContacts} contacts at once is
 * refused with {@code 403} (as Kamailio's {@code max_contacts}): every call to the address of record
 * forks to each of its contacts, so their number is a cost an attacker with one password would choose.
 */
public final class BindingPlan {

    /** The expiry rules in force, and the most contacts an address of record may have bound. */
    public record Limits(int minExpires, int maxExpires, int defaultExpires, int maxContacts) {
    }

    /** The refusal of a REGISTER that would leave more than {@code maxContacts} contacts bound. */
    public static RegisterOutcome tooManyContacts(int maxContacts) {
        return RegisterOutcome.reject(SipStatus.FORBIDDEN, "Forbidden (at most " + maxContacts + " contacts)");
    }

    private final boolean removeAll;
    private final Map<String, ContactSpec> upserts;   // contact URI -> spec with resolved expires (> 0)
    private final Map<String, ContactSpec> removals;  // contact URI -> spec (expires 0)
    private final RegisterOutcome refusal;

    private BindingPlan(boolean removeAll, Map<String, ContactSpec> upserts, Map<String, ContactSpec> removals,
                        RegisterOutcome refusal) {
        this.removeAll = removeAll;
        this.upserts = upserts;
        this.removals = removals;
        this.refusal = refusal;
    }

    /** Works out the plan for {@code request} under {@code limits}. */
    public static BindingPlan of(RegisterRequest request, Limits limits) {
        if (request.wildcard()) {
            if (!request.contacts().isEmpty() || request.expiresHeader() == null || request.expiresHeader() != 0) {
                return refused(RegisterOutcome.reject(400, "Contact: * requires Expires: 0 and no other Contact"));
            }
            return new BindingPlan(true, Map.of(), Map.of(), null);
        }
        Map<String, ContactSpec> upserts = new LinkedHashMap<>();
        Map<String, ContactSpec> removals = new LinkedHashMap<>();
        for (ContactSpec c : request.contacts()) {
            int expires = c.expires() != null ? c.expires()
                    : request.expiresHeader() != null ? request.expiresHeader() : limits.defaultExpires();
            if (expires < 0) {
                return refused(RegisterOutcome.reject(400, "Negative expires"));
            }
            if (c.q() != null && (c.q() < 0 || c.q() > 1)) {
                return refused(RegisterOutcome.reject(400, "Contact q must be between 0 and 1"));
            }
            if (expires == 0) {
                removals.put(c.uri(), c);
                upserts.remove(c.uri());
            } else if (expires < limits.minExpires()) {
                return refused(RegisterOutcome.intervalTooBrief(limits.minExpires()));
            } else {
                upserts.put(c.uri(), new ContactSpec(c.uri(), Math.min(expires, limits.maxExpires()), c.q()));
                removals.remove(c.uri());
            }
        }
        if (upserts.size() > limits.maxContacts()) {
            return refused(tooManyContacts(limits.maxContacts()));
        }
        return new BindingPlan(false, upserts, removals, null);
    }

    private static BindingPlan refused(RegisterOutcome outcome) {
        return new BindingPlan(false, Map.of(), Map.of(), outcome);
    }

    public Optional<RegisterOutcome> refusal() {
        return Optional.ofNullable(refusal);
    }

    public boolean removeAll() {
        return removeAll;
    }

    /** Contacts to add or refresh, each with its granted expiry in seconds. */
    public Map<String, ContactSpec> upserts() {
        return upserts;
    }

    public Map<String, ContactSpec> removals() {
        return removals;
    }

    /** Every contact URI the plan adds, refreshes or removes by name. */
    public java.util.Set<String> touched() {
        java.util.Set<String> all = new java.util.LinkedHashSet<>(upserts.keySet());
        all.addAll(removals.keySet());
        return all;
    }
}
