package io.smmpulse.community;

/** What a group keeps for good: its dimensions, counters and set sizes (tens of bytes). Flink POJO. */
public class GroupTotals {
    public String kpi;
    public String[] dims;
    public long closeAt;
    public long[] counts;
    public long[] sizes;
    public boolean closed;

    public GroupTotals() {}

    GroupTotals(GroupDelta first) {
        this.kpi = first.kpi;
        this.dims = first.dims;
        this.closeAt = first.closeAt;
        this.counts = new long[first.counts.length];
        this.sizes = new long[first.sets];
    }
}
