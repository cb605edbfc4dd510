package io.smmpulse.community;

import java.util.Arrays;

/** A group's current result: its dimensions, counters and the sizes of its distinct sets. Flink POJO. */
public class GroupRow {
    public String kpi;
    public String[] dims;
    public long[] counts;
    public long[] sizes;

    public GroupRow() {}

    public GroupRow(String kpi, String[] dims, long[] counts, long[] sizes) {
        this.kpi = kpi;
        this.dims = dims;
        this.counts = counts;
        this.sizes = sizes;
    }

    @Override
    public String toString() {
        return kpi + Arrays.toString(dims) + " " + Arrays.toString(counts) + " " + Arrays.toString(sizes);
    }
}
