package io.ponte.security;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import io.ponte.config.PonteSettings;

/**
 * How the SIP edge defends itself, from the environment (README, Security). Defaults are those of a
 * fail2ban jail for a SIP server (10 failures in 10 minutes ban the source for an hour) and of a
 * per-source request limit well above what an office of phones behind one NAT sends.
 *
 * @param maxFailures failed authentications from one source within {@code findTime} that ban it
 * @param extensionMaxFailures failed authentications for one extension within {@code findTime} after which
 *        every source that fails on it is banned at its first failure (guessing from many addresses)
 * @param floodRate requests per second one source may send (counted per second); more drop it for {@code floodBlock}
 * @param trusted sources exempt from bans and the flood limit (a front proxy, the machine itself)
 */
public record GuardSettings(int maxFailures, int extensionMaxFailures, Duration findTime, Duration banTime,
                            int floodRate, Duration floodBlock, List<Cidr> trusted) {

    public GuardSettings {
        if (maxFailures < 1 || extensionMaxFailures < 1 || floodRate < 1) {
            throw new IllegalArgumentException("PONTE_BAN_MAX_FAILURES, PONTE_BAN_EXTENSION_MAX_FAILURES and PONTE_FLOOD_RATE must be at least 1");
        }
        trusted = List.copyOf(trusted);
    }

    public static GuardSettings fromRuntime() {
        return from(PonteSettings::runtimeValue);
    }

    static GuardSettings from(Function<String, String> setting) {
        return new GuardSettings(
                PonteSettings.wholeNumber(setting, "PONTE_BAN_MAX_FAILURES", 10),
                PonteSettings.wholeNumber(setting, "PONTE_BAN_EXTENSION_MAX_FAILURES", 20),
                Duration.ofSeconds(PonteSettings.wholeNumber(setting, "PONTE_BAN_FIND_TIME", 600)),
                Duration.ofSeconds(PonteSettings.wholeNumber(setting, "PONTE_BAN_TIME", 3600)),
                PonteSettings.wholeNumber(setting, "PONTE_FLOOD_RATE", 100),
                Duration.ofSeconds(PonteSettings.wholeNumber(setting, "PONTE_FLOOD_BLOCK_TIME", 60)),
                Cidr.parseList(text(setting, "PONTE_TRUSTED_NETWORKS", "127.0.0.1/32,::1/128")));
    }

    private static String text(Function<String, String> setting, String name, String fallback) {
        String v = setting.apply(name);
        return v == null ? fallback : v.strip(); // set but empty: trust nothing
    }
}
