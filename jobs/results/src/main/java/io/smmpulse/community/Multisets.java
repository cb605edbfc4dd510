package io.smmpulse.community;

import org.apache.flink.api.common.state.MapState;

/** Distinct sets kept as multisets in keyed state: a member counts while its additions outnumber its take-backs. */
final class Multisets {
    private Multisets() {}

    /** Adds {@code delta} to the member's count; +1 when the member joins the set, -1 when it leaves, else 0. */
    static int add(MapState<String, Integer> set, String member, int delta) throws Exception {
        Integer before = set.get(member);
        int was = before == null ? 0 : before;
        int now = was + delta;
        if (now == 0) {
            set.remove(member);
        } else {
            set.put(member, now);
        }
        return (was <= 0 && now > 0) ? 1 : (was > 0 && now <= 0) ? -1 : 0;
    }
}
