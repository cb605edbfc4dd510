package io.smmpulse.community;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.spam.ClassifiedEvent;
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
 * <p>The sums are sent before every checkpoint barrier (so that nothing waits here in a checkpoint:
 * the operator keeps no state, and the aggregator writes its rows at the same barrier), before a
 * watermark that reaches the close of a waiting group (so that no group is released downstream
 * while a change to it waits here), at the end of the input, and when many groups or members wait.
 * Watermarks come every 200 ms and groups close a week after their period: sending at each of them
 * sent the same groups and members ten times per checkpoint instead of once.
 */
public class GroupContributions extends AbstractStreamOperator<GroupDelta>
        implements OneInputStreamOperator<ClassifiedEvent, GroupDelta>, BoundedOneInput {
    private static final int MAX_WAITING_GROUPS = 10_000;
    private static final int MAX_WAITING_MEMBERS = 200_000;

    private final List<PerEventKpi> kpis;
    private final Communities communities;
    private final long latenessMillis;
    private transient Periods periods;
    private transient Map<Group, Waiting> waiting;
    /** The earliest close of a waiting group: a watermark at or past it sends the sums first. */
    private transient long earliestClose;

    private transient int waitingMembers;

    /** A group's summed changes: its first delta carries the counters; member changes are summed by set and member. */
    private static final class Waiting {
        final GroupDelta sum;
        final Map<Member, int[]> members = new LinkedHashMap<>();

        Waiting(GroupDelta first) {
            sum = new GroupDelta(first.kpi, first.dims, first.closeAt, first.counts.length, first.sets, 1);
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

    /** A member of one of the group's sets (the name's hash is the string's own, computed once). */
    private static final class Member {
        final int set;
        final String name;

        Member(int set, String name) {
            this.set = set;
            this.name = name;
        }

        @Override
        public int hashCode() {
            return 31 * set + name.hashCode();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Member m && set == m.set && name.equals(m.name);
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
        earliestClose = Long.MAX_VALUE;
    }

    @Override
    public void processElement(StreamRecord<ClassifiedEvent> record) {
        ClassifiedEvent classified = record.getValue();
        Counted counted = new Counted(
                classified.event,
                classified.spam,
                communities.forCommunity(classified.event.getCommunityId()),
                periods);
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
        Waiting w = waiting.get(new Group(delta.kpi, delta.dims));
        if (w == null) {
            w = new Waiting(delta);
            waiting.put(new Group(delta.kpi, delta.dims), w);
            earliestClose = Math.min(earliestClose, delta.closeAt);
        }
        for (int i = 0; i < delta.counts.length; i++) {
            w.sum.counts[i] += delta.counts[i];
        }
        for (int j = 0; j < delta.memberSets.length; j++) {
            Member member = new Member(delta.memberSets[j], delta.memberNames[j]);
            int[] count = w.members.get(member);
            if (count == null) {
                count = new int[1];
                w.members.put(member, count);
                waitingMembers++;
            }
            count[0] += delta.memberCounts[j];
        }
    }

    private void send() {
        for (Waiting w : waiting.values()) {
            int changed = 0;
            for (int[] count : w.members.values()) {
                changed += count[0] != 0 ? 1 : 0;
            }
            GroupDelta sum = w.sum;
            sum.memberSets = new int[changed];
            sum.memberNames = new String[changed];
            sum.memberCounts = new int[changed];
            int j = 0;
            for (Map.Entry<Member, int[]> member : w.members.entrySet()) {
                if (member.getValue()[0] != 0) {
                    sum.memberSets[j] = member.getKey().set;
                    sum.memberNames[j] = member.getKey().name;
                    sum.memberCounts[j] = member.getValue()[0];
                    j++;
                }
            }
            output.collect(new StreamRecord<>(sum));
        }
        waiting.clear();
        earliestClose = Long.MAX_VALUE;
        waitingMembers = 0;
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() >= earliestClose) {
            send();
        }
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
