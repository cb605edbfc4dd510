package io.smmpulse.community;

import io.smmpulse.core.state.Keys;
import java.util.Arrays;

/**
 * A change to one group of a KPI (a community's day, week, month, cohort ...): deltas of the
 * group's counters, and members added to (count > 0) or taken back from (count < 0) its distinct
 * sets. One event's change, or the changes of many events to the same group summed up before
 * they cross the network ({@link GroupContributions}). Flink POJO.
 */
public class GroupDelta {
    private static final int[] NO_INTS = new int[0];
    private static final String[] NO_NAMES = new String[0];
    private static final boolean[] NO_FLAGS = new boolean[0];

    /** The KPI ({@link GroupKpi#name()}): one aggregator keeps the groups of every KPI. */
    public String kpi;
    /** The group's dimensions, in the order of its table's key columns. */
    public String[] dims;
    /** Event time after which the group's sets no longer change ({@link Periods}). */
    public long closeAt;

    public long[] counts;
    /** How many distinct sets the KPI's groups have. */
    public int sets;
    /** The set (index) of each member change, the member, and how much it adds. */
    public int[] memberSets = NO_INTS;

    public String[] memberNames = NO_NAMES;
    public int[] memberCounts = NO_INTS;
    /**
     * Whether each addition can never be taken back (an event that is not a member's item: only items are revised
     * into spam). A member added so holds its place in the set for good, whatever is taken back later, so the
     * aggregator stops counting its additions ({@link Multisets}).
     */
    public boolean[] memberLasting = NO_FLAGS;
    /** What {@link #count} and {@link #member} add while one event's delta is built: +1, or -1 to take it back. */
    public transient int sign;

    public GroupDelta() {}

    public GroupDelta(String kpi, String[] dims, long closeAt, int counters, int sets, int sign) {
        this.kpi = kpi;
        this.dims = dims;
        this.closeAt = closeAt;
        this.counts = new long[counters];
        this.sets = sets;
        this.sign = sign;
    }

    public GroupDelta count(int counter) {
        counts[counter] += sign;
        return this;
    }

    public GroupDelta member(int set, String member) {
        int n = memberSets.length;
        memberSets = Arrays.copyOf(memberSets, n + 1);
        memberNames = Arrays.copyOf(memberNames, n + 1);
        memberCounts = Arrays.copyOf(memberCounts, n + 1);
        memberLasting = Arrays.copyOf(memberLasting, n + 1);
        memberSets[n] = set;
        memberNames[n] = member;
        memberCounts[n] = sign;
        return this;
    }

    /** The member of {@code set} this delta changes, or null (a test's view of one event's delta). */
    public String memberOf(int set) {
        for (int i = 0; i < memberSets.length; i++) {
            if (memberSets[i] == set) {
                return memberNames[i];
            }
        }
        return null;
    }

    public String key() {
        return Keys.of(kpi, Keys.of(dims));
    }

    @Override
    public String toString() {
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < memberSets.length; i++) {
            members.append(' ')
                    .append(memberSets[i])
                    .append(':')
                    .append(memberNames[i])
                    .append(memberCounts[i] > 0 ? "+" : "")
                    .append(memberCounts[i])
                    .append(memberLasting[i] ? " lasting" : "");
        }
        return kpi + Arrays.toString(dims) + " counts " + Arrays.toString(counts) + " members" + members;
    }
}
