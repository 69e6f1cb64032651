package io.ponte.dialing;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a subscriber may do with outside calls: which classes of number it may dial ({@code classes}: the
 * names a trunk gives its prefixes, such as {@code international} or {@code premium}; null: every class
 * but {@value #PREMIUM}), and how many calls it may have at once and start in a minute (null: the node's
 * defaults). A number whose prefix no trunk classes is open to every subscriber. Pure value.
 */
public record CallRights(Set<String> classes, Integer maxCalls, Integer maxCallsPerMinute) {

    /** The class that is denied unless a subscriber's rights name it. */
    public static final String PREMIUM = "premium";
    /** What a class name looks like: lower-case letters, digits and dashes (also the REST bodies' pattern). */
    public static final String CLASS_NAME_REGEX = "[a-z0-9-]{1,32}";
    /** The REST bodies' message for a class name that does not match {@link #CLASS_NAME_REGEX}. */
    public static final String CLASS_NAME_RULE = "must be 1 to 32 of a-z, 0-9, -";
    private static final Pattern CLASS_NAME = Pattern.compile(CLASS_NAME_REGEX);
    /** Every class but premium, the node's limits. */
    public static final CallRights DEFAULT = new CallRights(null, null, null);

    public CallRights {
        if (classes != null) {
            for (String c : classes) {
                if (c == null || !CLASS_NAME.matcher(c).matches()) {
                    throw new IllegalArgumentException("not a class of number: " + c);
                }
            }
            classes = java.util.Collections.unmodifiableSet(new TreeSet<>(classes));
        }
        if ((maxCalls != null && maxCalls < 1) || (maxCallsPerMinute != null && maxCallsPerMinute < 1)) {
            throw new IllegalArgumentException("call limits must be at least 1");
        }
    }

    /** Rights naming exactly {@code classes}, with the node's limits. */
    public static CallRights only(Collection<String> classes) {
        return new CallRights(Set.copyOf(classes), null, null);
    }

    /** Whether a number of {@code dialClass} (null: a number no trunk classes) may be dialed. */
    public boolean mayDial(String dialClass) {
        if (dialClass == null) {
            return true;
        }
        return classes == null ? !PREMIUM.equals(dialClass) : classes.contains(dialClass);
    }

    /** The classes as stored: comma-separated, null for the default. */
    public String classesText() {
        return classes == null ? null : String.join(",", classes);
    }

    /** The classes stored as {@code text}: null for the default, empty for none. */
    public static Set<String> parseClasses(String text) {
        if (text == null) {
            return null;
        }
        return new TreeSet<>(Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    /** The most calls at once: these rights' own, else the node's {@code defaultMaxCalls}. */
    public int maxCallsOr(int defaultMaxCalls) {
        return maxCalls == null ? defaultMaxCalls : maxCalls;
    }

    /** The most calls a minute: these rights' own, else the node's {@code defaultPerMinute}. */
    public int maxCallsPerMinuteOr(int defaultPerMinute) {
        return maxCallsPerMinute == null ? defaultPerMinute : maxCallsPerMinute;
    }
}
