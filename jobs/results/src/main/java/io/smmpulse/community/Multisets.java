package io.smmpulse.community;

import org.apache.flink.api.common.state.MapState;

/**
 * Distinct sets kept as multisets in keyed state: a member counts while its additions outnumber its take-backs. Only
 * additions that can be taken back are counted: once a member has an addition that cannot ({@link
 * GroupDelta#memberLasting}), it is marked as held for good and later changes to it are neither counted nor written
 * (no state write, no changelog entry): most members of a week's set come back many times.
 */
final class Multisets {
    /** The mark of a member held for good; counts of additions that can be taken back stay far below it. */
    static final int LASTING = Integer.MAX_VALUE;

    private static final String[] SET_PREFIXES = {"0", "1", "2", "3", "4", "5", "6", "7"};

    private Multisets() {}

    /** Adds {@code delta} to the member's count; +1 when the member joins the set, -1 when it leaves, else 0. */
    static int add(MapState<String, Integer> set, String member, int delta) throws Exception {
        return add(set, member, delta, false);
    }

    /**
     * Adds {@code delta} to the member's count, or marks it held for good; +1 when the member joins the set, -1 when
     * it leaves, else 0.
     */
    static int add(MapState<String, Integer> set, String member, int delta, boolean lasting) throws Exception {
        Integer before = set.get(member);
        if (before != null && before == LASTING) {
            return 0;
        }
        int was = before == null ? 0 : before;
        if (lasting && delta > 0) {
            set.put(member, LASTING);
            return was <= 0 ? 1 : 0;
        }
        int now = was + delta;
        if (now == 0) {
            set.remove(member);
        } else {
            set.put(member, now);
        }
        return (was <= 0 && now > 0) ? 1 : (was > 0 && now <= 0) ? -1 : 0;
    }

    /** The text of a set's index in a member's key, without a new string for the usual few sets. */
    static String setKey(int set) {
        return set < SET_PREFIXES.length ? SET_PREFIXES[set] : String.valueOf(set);
    }
}
