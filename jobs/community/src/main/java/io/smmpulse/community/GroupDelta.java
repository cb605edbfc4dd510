package io.smmpulse.community;

import java.util.Arrays;

/**
 * One event's change to one group of a KPI (a community's day, week, month, cohort ...): deltas of
 * the group's counters, and for each of its distinct sets the member it adds ({@code sign} +1) or
 * takes back (-1, when an item turns out to be spam), null where the event is no member. Flink POJO.
 */
public class GroupDelta {
    /** The KPI ({@link GroupKpi#name()}): one aggregator keeps the groups of every KPI. */
    public String kpi;
    /** The group's dimensions, in the order of its table's key columns. */
    public String[] dims;
    /** Event time after which the group's sets no longer change (its period + the allowed lateness). */
    public long closeAt;
    public long[] counts;
    public String[] members;
    public int sign;

    public GroupDelta() {}

    public GroupDelta(String kpi, String[] dims, long closeAt, int counters, int sets, int sign) {
        this.kpi = kpi;
        this.dims = dims;
        this.closeAt = closeAt;
        this.counts = new long[counters];
        this.members = new String[sets];
        this.sign = sign;
    }

    public GroupDelta count(int counter) {
        counts[counter] += sign;
        return this;
    }

    public GroupDelta member(int set, String member) {
        members[set] = member;
        return this;
    }

    public String key() {
        return kpi + '\u0001' + String.join("\u0001", dims);
    }

    @Override
    public String toString() {
        return kpi + Arrays.toString(dims) + " counts " + Arrays.toString(counts) + " members " + Arrays.toString(members) + " " + (sign > 0 ? "+" : "-");
    }
}
