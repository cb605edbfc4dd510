package io.smmpulse.community;

import io.smmpulse.core.event.InFlightSerializerTestBase;
import java.util.Arrays;

/** Flink's own checks of a serializer over deltas with counters, members of several sets, names beyond ASCII, and none. */
class GroupDeltaSerializerTest extends InFlightSerializerTestBase<GroupDelta> {

    /** GroupDelta has no equals of its own: equal when every field that crosses the network is. */
    GroupDeltaSerializerTest() {
        super(GroupDeltaSerializer.INSTANCE, GroupDelta.class, GroupDeltaSerializerTest::sameDelta);
    }

    private static boolean sameDelta(GroupDelta a, GroupDelta b) {
        return java.util.Objects.equals(a.kpi, b.kpi)
                && Arrays.equals(a.dims, b.dims)
                && a.closeAt == b.closeAt
                && Arrays.equals(a.counts, b.counts)
                && a.sets == b.sets
                && Arrays.equals(a.memberSets, b.memberSets)
                && Arrays.equals(a.memberNames, b.memberNames)
                && Arrays.equals(a.memberCounts, b.memberCounts)
                && Arrays.equals(a.memberLasting, b.memberLasting);
    }

    @Override
    protected GroupDelta[] getTestData() {
        GroupDelta members = new GroupDelta(
                        "community_daily", new String[] {"acme", "x", "2026-03-02"}, 1_000L, 3, 4, 1)
                .count(0)
                .count(2)
                .member(1, "m-1")
                .member(3, "m-2");
        members.memberLasting[1] = true;
        GroupDelta takenBack = new GroupDelta("ugc_weekly", new String[] {"acme", "2026-W10"}, 2_000L, 1, 2, -1)
                .count(0)
                .member(0, "ünïcødé-🙂")
                .member(0, "m-" + "9".repeat(300));
        GroupDelta countersOnly = new GroupDelta("risk", new String[] {"globex"}, Long.MAX_VALUE, 2, 0, 1).count(1);
        return new GroupDelta[] {members, takenBack, countersOnly, new GroupDelta()};
    }
}
