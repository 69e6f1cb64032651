package io.ponte.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.ponte.auth.digest.DigestAlgorithm;

/**
 * Ponte's runtime settings, read once from system properties ({@code ponte.sip.port}) and, where a
 * property is absent, from the environment ({@code PONTE_SIP_PORT}). The server configuration sets the
 * properties from {@code ${env.X:default}} expressions; an EAR deployed into an unconfigured server falls
 * back to the environment and then to the defaults documented in the README.
 */
public record PonteSettings(
        String sipHost,
        int sipPort,
        String sipTransports,
        int sipMaxMessageSize,
        String sipDomain,
        int extensionMin,
        int extensionMax,
        int registerMinExpires,
        int registerMaxExpires,
        int registerDefaultExpires,
        int registerMaxContacts,
        int nonceTtlSeconds,
        Optional<String> nonceSecret,
        List<DigestAlgorithm> digestAlgorithms,
        String adminUser,
        String adminPassword,
        int apiRateLimitPerSecond,
        String rtpengineNg,
        int rtpengineTimeoutMillis,
        int ringTimeoutSeconds,
        Optional<String> secretKey) {

    public static final String DEFAULT_ADMIN_USER = "admin";
    /**
     * Largest SIP message accepted, in bytes. The SIP stack gives every UDP datagram a buffer this big
     * and keeps it with the server transaction for its 32 s life (RFC 3261 timer J), so at 1,000
     * REGISTER/s a 64 KB limit alone pins 4 GB of heap; 8 KB holds any desk phone's INVITE.
     */
    public static final int DEFAULT_SIP_MAX_MESSAGE_SIZE = 8192;
    private static final int MIN_SIP_MAX_MESSAGE_SIZE = 4096;
    private static final int MAX_SIP_MAX_MESSAGE_SIZE = 65535; // the largest UDP payload

    public PonteSettings {
        if (extensionMin > extensionMax) {
            throw new IllegalArgumentException("PONTE_EXT_MIN " + extensionMin + " is above PONTE_EXT_MAX " + extensionMax);
        }
        if (sipMaxMessageSize < MIN_SIP_MAX_MESSAGE_SIZE || sipMaxMessageSize > MAX_SIP_MAX_MESSAGE_SIZE) {
            throw new IllegalArgumentException("PONTE_SIP_MAX_MESSAGE_SIZE must be between "
                    + MIN_SIP_MAX_MESSAGE_SIZE + " and " + MAX_SIP_MAX_MESSAGE_SIZE + ", got " + sipMaxMessageSize);
        }
        if (registerMinExpires > registerMaxExpires) {
            throw new IllegalArgumentException("PONTE_REGISTER_MIN_EXPIRES is above PONTE_REGISTER_MAX_EXPIRES");
        }
        if (registerMaxContacts < 1) {
            throw new IllegalArgumentException("PONTE_REGISTER_MAX_CONTACTS must be at least 1");
        }
        AdminPassword.weakness(adminUser, adminPassword).ifPresent(why -> {
            throw new IllegalArgumentException("PONTE_ADMIN_PASSWORD " + why + ": Ponte does not start without a strong"
                    + " administrator password (at least " + AdminPassword.MIN_LENGTH + " characters, not a known one;"
                    + " ./ponte run generates one, e.g. openssl rand -base64 18)");
        });
    }

    /** Settings from this JVM's system properties and environment. */
    public static PonteSettings fromRuntime() {
        return from(System.getProperties()::getProperty, System.getenv());
    }

    static PonteSettings from(Function<String, String> properties, Map<String, String> env) {
        Source s = new Source(properties, env);
        return new PonteSettings(
                s.text("PONTE_SIP_HOST", "127.0.0.1"),
                s.integer("PONTE_SIP_PORT", 5060),
                s.text("PONTE_SIP_TRANSPORTS", "udp,tcp"),
                s.integer("PONTE_SIP_MAX_MESSAGE_SIZE", DEFAULT_SIP_MAX_MESSAGE_SIZE),
                s.text("PONTE_SIP_DOMAIN", "ponte.local"),
                s.integer("PONTE_EXT_MIN", 100),
                s.integer("PONTE_EXT_MAX", 999),
                s.integer("PONTE_REGISTER_MIN_EXPIRES", 60),
                s.integer("PONTE_REGISTER_MAX_EXPIRES", 3600),
                s.integer("PONTE_REGISTER_DEFAULT_EXPIRES", 3600),
                s.integer("PONTE_REGISTER_MAX_CONTACTS", 10),
                s.integer("PONTE_NONCE_TTL", 300),
                Optional.ofNullable(s.raw("PONTE_NONCE_SECRET")).filter(v -> !v.isBlank()),
                s.algorithms("PONTE_DIGEST_ALGORITHMS", "SHA-256,MD5"),
                s.text("PONTE_ADMIN_USER", DEFAULT_ADMIN_USER),
                s.raw("PONTE_ADMIN_PASSWORD"),
                s.integer("PONTE_API_RATE_LIMIT", 50),
                s.text("RTPENGINE_NG", "127.0.0.1:22222"),
                s.integer("RTPENGINE_TIMEOUT_MS", 1000),
                s.integer("PONTE_RING_TIMEOUT", 30),
                Optional.ofNullable(s.raw("PONTE_SECRET_KEY")).filter(v -> !v.isBlank()));
    }

    /** Whether {@code number} lies in the configured extension range. */
    public boolean inExtensionRange(long number) {
        return number >= extensionMin && number <= extensionMax;
    }

    /**
     * A setting's value as Ponte reads every setting: the system property named after it
     * ({@code PONTE_SIP_PORT} -> {@code ponte.sip.port}), else the environment variable; null if neither.
     */
    public static String runtimeValue(String envName) {
        return new Source(System.getProperties()::getProperty, System.getenv()).raw(envName);
    }

    /**
     * Setting {@code envName} read through {@code setting} (such as {@link #runtimeValue}) as a whole number;
     * {@code fallback} when it is unset or blank.
     *
     * @throws IllegalArgumentException naming the setting when it is not a whole number
     */
    public static int wholeNumber(Function<String, String> setting, String envName, int fallback) {
        String v = setting.apply(envName);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(envName + " must be a whole number, got '" + v.trim() + "'", e);
        }
    }

    /** Maps {@code PONTE_SIP_PORT} to the system property {@code ponte.sip.port}. */
    static String propertyName(String envName) {
        return envName.toLowerCase(java.util.Locale.ROOT).replace('_', '.');
    }

    @Override
    public String toString() { // never print secrets
        return "PonteSettings[sip=" + sipHost + ":" + sipPort + " " + sipTransports + ", domain=" + sipDomain
                + ", extensions=" + extensionMin + "-" + extensionMax + ", admin=" + adminUser
                + ", rtpengine=" + rtpengineNg + "]";
    }

    private record Source(Function<String, String> properties, Map<String, String> env) {
        String raw(String envName) {
            String v = properties.apply(propertyName(envName));
            return v != null ? v : env.get(envName);
        }

        String text(String envName, String fallback) {
            String v = raw(envName);
            return v == null || v.isBlank() ? fallback : v.trim();
        }

        List<DigestAlgorithm> algorithms(String envName, String fallback) {
            List<DigestAlgorithm> out = new ArrayList<>();
            for (String token : text(envName, fallback).split(",")) {
                DigestAlgorithm a = DigestAlgorithm.fromToken(token.trim()).orElseThrow(() ->
                        new IllegalArgumentException(envName + ": unknown digest algorithm '" + token.trim() + "'"));
                if (!out.contains(a)) {
                    out.add(a);
                }
            }
            return List.copyOf(out);
        }

        int integer(String envName, int fallback) {
            return wholeNumber(this::raw, envName, fallback);
        }
    }
}
