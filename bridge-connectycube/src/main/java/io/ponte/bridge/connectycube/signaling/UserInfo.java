package io.ponte.bridge.connectycube.signaling;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The free-form {@code userInfo} of a signaling message: what the app passed to {@code call(...)},
 * {@code accept(...)}, {@code reject(...)} or {@code stop(...)}. The SDK writes each key as a child
 * element, nested objects as nested elements, and every value as text; so a value here is either a
 * {@link String} or a nested {@code UserInfo}. Entries keep their order. Empty means the element is
 * absent (the SDK drops an empty {@code userInfo}).
 */
public final class UserInfo {
    public static final UserInfo EMPTY = new UserInfo(Map.of());

    private final Map<String, Object> entries;

    private UserInfo(Map<String, Object> entries) {
        this.entries = entries;
    }

    /**
     * @param entries values must be {@link String} or {@code UserInfo}; keys must be XML names
     */
    public static UserInfo of(Map<String, ?> entries) {
        Map<String, Object> copy = new LinkedHashMap<>();
        entries.forEach((k, v) -> {
            Objects.requireNonNull(k, "key");
            if (!XmlNames.isName(k)) {
                throw new IllegalArgumentException("userInfo key is not an XML name: '" + k + "'");
            }
            if (!(v instanceof String) && !(v instanceof UserInfo)) {
                throw new IllegalArgumentException("userInfo value for '" + k + "' must be a String or UserInfo");
            }
            copy.put(k, v);
        });
        return copy.isEmpty() ? EMPTY : new UserInfo(Collections.unmodifiableMap(copy));
    }

    /** A flat userInfo from alternating keys and values. */
    public static UserInfo of(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return of(m);
    }

    /** The entries, in wire order; unmodifiable. */
    public Map<String, Object> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The text value of {@code key}, or {@code null} when absent or nested. */
    public String get(String key) {
        return entries.get(key) instanceof String s ? s : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserInfo other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "UserInfo" + entries;
    }
}
