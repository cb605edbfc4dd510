package io.smmpulse.community;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.core.spam.SpamTopology;
import java.util.Arrays;
import java.util.HashMap;
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
 *
 * <p>A member this task has sent to a group as held for good ({@link GroupDelta#memberLasting}) is not sent to it
 * again: the aggregator neither counts nor writes later changes to such a member, and this task sees every event of
 * the member's actor (the classifier's partitioning), so a running job's repeated changes stop here (about half of
 * its member changes on the generator's traffic, docs/performance.md). What is remembered is not
 * state: after a restore it starts empty and the next change of a member goes once more, a no-op downstream. It is
 * forgotten when the watermark passes the group's close, and all at once when it outgrows {@link #MAX_HELD_MEMBERS}.
 */
public class GroupContributions extends AbstractStreamOperator<GroupDelta>
        implements OneInputStreamOperator<ClassifiedEvent, GroupDelta>, BoundedOneInput {
    private static final int MAX_WAITING_GROUPS = 10_000;
    private static final int MAX_WAITING_MEMBERS = 100_000;
    /** Members remembered as sent held for good, at most: tens of MB of heap, a week of a large community's actors. */
    private static final int MAX_HELD_MEMBERS = 300_000;

    private final List<PerEventKpi> kpis;
    private final Communities communities;
    private final long latenessMillis;
    private transient Periods periods;
    private transient Map<Group, Waiting> waiting;
    private transient int waitingMembers;
    private transient Map<Group, Held> held;
    private transient int heldMembers;
    /** The earliest close of a group in {@link #held}: a watermark past it forgets the closed groups. */
    private transient long nextClose;
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

        final Held held;

        Waiting(GroupDelta first, Held held) {
            sum = new GroupDelta(first.kpi, first.dims, first.closeAt, first.counts.length, first.sets, 1);
            this.held = held;
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

    /** The members of each of a group's sets that this task has sent as held for good. */
    private static final class Held {
        final long closeAt;
        final MemberSet[] bySet;

        Held(long closeAt, int sets) {
            this.closeAt = closeAt;
            this.bySet = new MemberSet[sets];
        }

        boolean contains(int set, String member) {
            return bySet[set] != null && bySet[set].contains(member);
        }

        boolean add(int set, String member) {
            if (bySet[set] == null) {
                bySet[set] = new MemberSet();
            }
            return bySet[set].add(member);
        }

        int size() {
            int size = 0;
            for (MemberSet members : bySet) {
                size += members == null ? 0 : members.size();
            }
            return size;
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
        held = new HashMap<>();
        nextClose = Long.MAX_VALUE;
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
            w = new Waiting(delta, heldOf(group, delta));
            waiting.put(group, w);
        }
        for (int i = 0; i < delta.counts.length; i++) {
            w.sum.counts[i] += delta.counts[i];
        }
        for (int j = 0; j < delta.memberSets.length; j++) {
            int set = delta.memberSets[j];
            String member = delta.memberNames[j];
            boolean lastingAddition = additionsLast && delta.memberCounts[j] > 0;
            if (lastingAddition ? !w.held.add(set, member) : w.held.contains(set, member)) {
                continue; // sent as held for good already
            }
            if (lastingAddition) {
                heldMembers++;
            }
            w.member(set, member, delta.memberCounts[j], lastingAddition);
            waitingMembers++;
        }
    }

    private Held heldOf(Group group, GroupDelta delta) {
        Held h = held.get(group);
        if (h == null) {
            h = new Held(delta.closeAt, delta.sets);
            held.put(group, h);
            nextClose = Math.min(nextClose, delta.closeAt);
        }
        return h;
    }

    /** Forgets the groups the watermark has closed: the aggregator has released their sets. */
    private void forgetClosed(long watermark) {
        if (watermark < nextClose) {
            return;
        }
        nextClose = Long.MAX_VALUE;
        var groups = held.values().iterator();
        while (groups.hasNext()) {
            Held h = groups.next();
            if (h.closeAt <= watermark) {
                heldMembers -= h.size();
                groups.remove();
            } else {
                nextClose = Math.min(nextClose, h.closeAt);
            }
        }
    }

    private void send() {
        for (Waiting w : waiting.values()) {
            output.collect(new StreamRecord<>(w.sum()));
        }
        waiting.clear();
        waitingMembers = 0;
        // forgotten between sends, when no waiting group refers to what is remembered
        if (heldMembers >= MAX_HELD_MEMBERS) {
            held.clear();
            heldMembers = 0;
            nextClose = Long.MAX_VALUE;
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        send();
        forgetClosed(mark.getTimestamp());
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
