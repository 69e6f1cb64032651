package io.ponte.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.ponte.security.SourceGuard.Admission;

class SourceGuardTest {

    private static final GuardSettings SETTINGS = new GuardSettings(5, 8, Duration.ofMinutes(10), Duration.ofHours(1),
            10, Duration.ofSeconds(60), List.of(Cidr.parse("10.1.0.0/16")));
    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void aSourceIsBannedAtItsFifthFailureInTheWindowAndItsRequestsDropped() {
        SourceGuard g = new SourceGuard(SETTINGS);
        for (int i = 0; i < 4; i++) {
            assertTrue(g.authFailed("198.51.100.7", "201", T0.plusSeconds(i)).isEmpty());
        }
        Optional<Ban> ban = g.authFailed("198.51.100.7", "201", T0.plusSeconds(4));
        assertTrue(ban.isPresent());
        assertEquals(T0.plusSeconds(4).plus(Duration.ofHours(1)), ban.get().expires());
        assertEquals(Admission.BANNED, g.admit("198.51.100.7", T0.plusSeconds(5).toEpochMilli()));
        assertEquals(Admission.ADMIT, g.admit("198.51.100.8", T0.plusSeconds(5).toEpochMilli()), "another address of the subscriber");
        assertEquals(Admission.ADMIT, g.admit("198.51.100.7", ban.get().expires().toEpochMilli()), "lifted when it runs out");
    }

    @Test
    void bannedNowTellsTheApiOfABanWithoutCountingAnything() {
        SourceGuard g = new SourceGuard(SETTINGS);
        assertTrue(g.bannedNow("198.51.100.7", T0).isEmpty());
        Optional<Ban> ban = Optional.empty();
        for (int i = 0; i < 5; i++) {
            ban = g.authFailed("198.51.100.7", null, T0.plusSeconds(i)); // API failures name no extension
        }
        assertTrue(ban.isPresent(), "banned at the fifth failure");
        assertEquals(ban, g.bannedNow("198.51.100.7", T0.plusSeconds(10)));
        assertTrue(g.bannedNow("198.51.100.8", T0.plusSeconds(10)).isEmpty(), "another address");
        assertTrue(g.bannedNow("198.51.100.7", ban.get().expires()).isEmpty(), "not once it runs out");
        for (int i = 0; i < 20; i++) {
            assertTrue(g.bannedNow("203.0.113.1", T0).isEmpty(), "asking is no failure");
        }
        assertTrue(g.authFailed("203.0.113.1", null, T0).isEmpty());
    }

    @Test
    void failuresOutsideTheWindowDoNotCount() {
        SourceGuard g = new SourceGuard(SETTINGS);
        for (int i = 0; i < 10; i++) {
            assertTrue(g.authFailed("198.51.100.7", "201", T0.plus(Duration.ofMinutes(3L * i))).isEmpty(), "failure " + i);
        }
    }

    @Test
    void guessingOneExtensionFromManyAddressesBansEachGuesserOnceTheExtensionIsUnderAttack() {
        SourceGuard g = new SourceGuard(SETTINGS);
        for (int i = 0; i < 7; i++) {
            assertTrue(g.authFailed("203.0.113." + i, "201", T0).isEmpty());
        }
        assertTrue(g.authFailed("203.0.113.50", "201", T0).isPresent(), "the 8th failure on 201");
        assertTrue(g.authFailed("203.0.113.51", "201", T0).isPresent());
        assertTrue(g.authFailed("203.0.113.52", "202", T0).isEmpty(), "another extension is not under attack");
    }

    @Test
    void trustedNetworksAreNeitherBannedNorRateLimited() {
        SourceGuard g = new SourceGuard(SETTINGS);
        for (int i = 0; i < 20; i++) {
            assertTrue(g.authFailed("10.1.2.3", "201", T0).isEmpty());
            assertEquals(Admission.ADMIT, g.admit("10.1.2.3", T0.toEpochMilli()));
        }
    }

    @Test
    void aSourceOverTheRateIsBlockedForTheBlockTimeAndLoggedOnce() {
        SourceGuard g = new SourceGuard(SETTINGS);
        long t = T0.toEpochMilli();
        for (int i = 0; i < 10; i++) {
            assertEquals(Admission.ADMIT, g.admit("198.51.100.9", t + i));
        }
        assertEquals(Admission.FLOODING, g.admit("198.51.100.9", t + 10));
        assertEquals(Admission.FLOOD_BLOCKED, g.admit("198.51.100.9", t + 11));
        assertEquals(Admission.FLOOD_BLOCKED, g.admit("198.51.100.9", t + 59_000));
        assertEquals(Admission.ADMIT, g.admit("198.51.100.10", t + 12), "others are not affected");
        assertEquals(Admission.ADMIT, g.admit("198.51.100.9", t + 60_011));
    }

    @Test
    void bansFromTheDatabaseReplaceTheLocalOnesAndCanBeLifted() {
        SourceGuard g = new SourceGuard(SETTINGS);
        g.ban(new Ban("192.0.2.1", "admin", T0, T0.plusSeconds(60), Ban.Origin.ADMIN));
        g.replaceBans(List.of(new Ban("192.0.2.2", "other node", T0, T0.plusSeconds(60), Ban.Origin.AUTO)));
        assertEquals(Admission.ADMIT, g.admit("192.0.2.1", T0.toEpochMilli()));
        assertEquals(Admission.BANNED, g.admit("192.0.2.2", T0.toEpochMilli()));
        assertTrue(g.lift("192.0.2.2"));
        assertFalse(g.lift("192.0.2.2"));
        assertEquals(Admission.ADMIT, g.admit("192.0.2.2", T0.toEpochMilli()));
    }

    @Test
    void aTrunksSourceIsNeverBannedNorFloodLimitedWhileItIsATrunk() {
        SourceGuard g = new SourceGuard(SETTINGS);
        g.trustTrunks(List.of(Cidr.parse("203.0.113.5"), Cidr.parse("192.0.2.0/28")));
        for (int i = 0; i < 20; i++) {
            assertTrue(g.authFailed("203.0.113.5", "201", T0.plusSeconds(i)).isEmpty(), "failure " + i + " from the provider");
            assertTrue(g.authFailed("192.0.2.9", "201", T0.plusSeconds(i)).isEmpty());
        }
        for (int i = 0; i < 50; i++) {
            assertEquals(Admission.ADMIT, g.admit("203.0.113.5", T0.toEpochMilli()), "message " + i + " in one second");
        }
        g.trustTrunks(List.of()); // the trunk was deleted
        for (int i = 0; i < 4; i++) {
            assertTrue(g.authFailed("203.0.113.5", "201", T0.plusSeconds(100 + i)).isEmpty());
        }
        assertTrue(g.authFailed("203.0.113.5", "201", T0.plusSeconds(104)).isPresent(), "an ordinary source again");
    }
}
