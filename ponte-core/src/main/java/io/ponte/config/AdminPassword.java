package io.ponte.config;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether {@code PONTE_ADMIN_PASSWORD} may guard the REST API: Ponte refuses to start with an empty
 * password, a short one, the user name, one character repeated, or a password that ships with software
 * (Ponte's own old default among them), since the API can place calls through the trunks.
 */
public final class AdminPassword {

    /** The fewest characters accepted (NIST SP 800-63B asks at least 8; 12 for an administrator). */
    public static final int MIN_LENGTH = 12;

    private static final Set<String> KNOWN = Set.of("ponte-admin", "ponte-admin1", "administrator", "password1234",
            "123456789012", "changeme1234", "adminadmin12", "qwertyuiop12", "passwordpassword");

    private AdminPassword() {
    }

    /** Why {@code password} is refused for user {@code user}; empty when it is acceptable. */
    public static Optional<String> weakness(String user, String password) {
        if (password == null || password.isBlank()) {
            return Optional.of("is not set");
        }
        if (password.length() < MIN_LENGTH) {
            return Optional.of("is shorter than " + MIN_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (KNOWN.contains(lower) || lower.startsWith("ponte-admin")) {
            return Optional.of("is a well-known password");
        }
        if (user != null && !user.isEmpty() && lower.replace(user.toLowerCase(Locale.ROOT), "").length() < 6) {
            return Optional.of("is mostly the user name");
        }
        if (password.chars().distinct().count() < 4) {
            return Optional.of("has fewer than 4 different characters");
        }
        return Optional.empty();
    }
}
