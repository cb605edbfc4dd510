package io.smmpulse.community;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.core.spam.SpamTopology;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The deltas of the group KPIs for each classified event, summed per group in this task before
 * they cross the network: thousands of events of one community's day make one delta. A revision
 * (an item passed as not spam that is spam after all) takes back what the item counted as not
 * spam and counts it as spam.
 *
 * <p>The sums are sent before every watermark (so that no group is released downstream while a
 * change to it waits here, and so that the aggregator's work is spread over the checkpoint interval:
 * sent only at barriers, a checkpoint's changes arrived at once in front of the barrier and held it
 * up), before every checkpoint barrier (so that nothing waits here in a checkpoint: the operator
 * keeps no state), at the end of the input, and when many groups or members wait.
 */
public class GroupContributions extends AbstractStreamOperator<GroupDelta>
        implements OneInputStreamOperator<ClassifiedEvent, GroupDelta>, BoundedOneInput {
    private static final int MAX_WAITING_GROUPS = 10_000;
    private static final int MAX_WAITING_MEMBERS = 100_000;

    private final List<PerEventKpi> kpis;
    private final Communities communities;
    private final long latenessMillis;
    private transient Periods periods;
    private transient Map<Group, Waiting> waiting;
    private transient int waitingMembers;
    /** Whether the event at hand adds members for good: only members' items are ever taken back (revised into spam). */
    private transient boolean additionsLast;

    /**
     * A group's summed changes: its first delta carries the counters; member changes are listed as they come, not
     * summed by member: within a checkpoint nine in ten members of a group are there once (the generator's traffic at
     * 20k events/s), and a map by member cost a hash look-up in a map too large for the cache for each of them.
     */
    private static final class Waiting {
        final GroupDelta sum;
        int[] sets = new int[8];
        String[] names = new String[8];
        int[] counts = new int[8];
        boolean[] lasting = new boolean[8];
        int members;

        Waiting(GroupDelta first) {
            sum = new GroupDelta(first.kpi, first.dims, first.closeAt, first.counts.length, first.sets, 1);
        }

        void member(int set, String name, int count, boolean lastingAddition) {
            if (members == sets.length) {
                sets = Arrays.copyOf(sets, members * 2);
                names = Arrays.copyOf(names, members * 2);
                counts = Arrays.copyOf(counts, members * 2);
                lasting = Arrays.copyOf(lasting, members * 2);
            }
            sets[members] = set;
            names[members] = name;
            counts[members] = count;
            lasting[members] = lastingAddition;
            members++;
        }

        GroupDelta sum() {
            sum.memberSets = Arrays.copyOf(sets, members);
            sum.memberNames = Arrays.copyOf(names, members);
            sum.memberCounts = Arrays.copyOf(counts, members);
            sum.memberLasting = Arrays.copyOf(lasting, members);
            return sum;
        }
    }

    /** A KPI's group, compared by its parts: no joined key is built for every event. */
    private static final class Group {
        final String kpi;
        final String[] dims;
        final int hash;

        Group(String kpi, String[] dims) {
            this.kpi = kpi;
            this.dims = dims;
            this.hash = 31 * kpi.hashCode() + Arrays.hashCode(dims);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Group g && hash == g.hash && kpi.equals(g.kpi) && Arrays.equals(dims, g.dims);
        }
    }

    public GroupContributions(List<PerEventKpi> kpis, Communities communities, long latenessMillis) {
        this.kpis = kpis;
        this.communities = communities;
        this.latenessMillis = latenessMillis;
    }

    @Override
    public void open() throws Exception {
        super.open();
        periods = new Periods(latenessMillis);
        waiting = new LinkedHashMap<>();
    }

    @Override
    public void processElement(StreamRecord<ClassifiedEvent> record) {
        ClassifiedEvent classified = record.getValue();
        Counted counted = new Counted(
                classified.event,
                classified.spam,
                communities.forCommunity(classified.event.getCommunityId()),
                periods);
        additionsLast = !SpamTopology.isMemberItem(classified.event);
        for (PerEventKpi kpi : kpis) {
            if (classified.revision) {
                kpi.contribute(counted.withSpam(false), -1, this::add);
            }
            kpi.contribute(counted, 1, this::add);
        }
        if (waiting.size() >= MAX_WAITING_GROUPS || waitingMembers >= MAX_WAITING_MEMBERS) {
            send();
        }
    }

    private void add(GroupDelta delta) {
        Group group = new Group(delta.kpi, delta.dims);
        Waiting w = waiting.get(group);
        if (w == null) {
            w = new Waiting(delta);
            waiting.put(group, w);
        }
        for (int i = 0; i < delta.counts.length; i++) {
            w.sum.counts[i] += delta.counts[i];
        }
        for (int j = 0; j < delta.memberSets.length; j++) {
            w.member(
                    delta.memberSets[j],
                    delta.memberNames[j],
                    delta.memberCounts[j],
                    additionsLast && delta.memberCounts[j] > 0);
        }
        waitingMembers += delta.memberSets.length;
    }

    private void send() {
        for (Waiting w : waiting.values()) {
            output.collect(new StreamRecord<>(w.sum()));
        }
        waiting.clear();
        waitingMembers = 0;
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        send();
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        send();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void endInput() {
        send();
    }

    @Override
    public void finish() throws Exception {
        send();
        super.finish();
    }
}
