package io.smmpulse.core.state;

import io.smmpulse.schema.SocialEvent;

/**
 * Composite keys: of keyed streams (community and actor, community and case, …) and of the maps
 * inside keyed state (set and member, funnel and event, …). Parts are joined by {@link #SEPARATOR},
 * a control character that no id may contain: events whose ids hold it are rejected
 * ({@code EventRules}) and community ids of the config are checked ({@code Communities}).
 */
public final class Keys {
    public static final char SEPARATOR = '\u0001';

    private Keys() {}

    public static String of(String first, String second) {
        return first + SEPARATOR + second;
    }

    public static String of(String first, String second, String third) {
        return first + SEPARATOR + second + SEPARATOR + third;
    }

    public static String of(String... parts) {
        return String.join(String.valueOf(SEPARATOR), parts);
    }

    /** The key of everything one actor does in one community (the spam classifier's partitioning, shared by what follows it). */
    public static String actor(SocialEvent event) {
        return of(event.getCommunityId(), event.getActorId());
    }

    /** The first part of a key. */
    public static String first(String key) {
        int end = key.indexOf(SEPARATOR);
        return end < 0 ? key : key.substring(0, end);
    }

    /** The first part and the rest. */
    public static String[] firstAndRest(String key) {
        return key.split(String.valueOf(SEPARATOR), 2);
    }

    /** What every key whose first part is {@code first} starts with. */
    public static String prefix(String first) {
        return first + SEPARATOR;
    }

    /** What every key whose last part is {@code last} ends with. */
    public static String suffix(String last) {
        return SEPARATOR + last;
    }

    /** Whether a value may be part of a key. */
    public static boolean fits(CharSequence value) {
        for (int i = 0, n = value.length(); i < n; i++) {
            if (value.charAt(i) == SEPARATOR) {
                return false; // a loop, not a stream: every id of every event passes here
            }
        }
        return true;
    }
}
