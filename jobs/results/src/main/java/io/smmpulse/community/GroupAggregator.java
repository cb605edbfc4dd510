package io.smmpulse.community;

import io.smmpulse.core.state.Keys;
import io.smmpulse.core.state.KeysInState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The results of the group KPIs, keyed by KPI and group ({@link GroupDelta#key()}): counters summed,
 * distinct sets kept as multisets (a member counts while it has more additions than take-backs,
 * so an item that turns spam takes its author out only if it was their only one; a member with an
 * addition that cannot be taken back is held for good, {@link Multisets}). Every event
 * reaches this operator once (copies are dropped upstream), so sums are exact; rows are rewritten
 * per checkpoint and keyed by the group, so a replay replaces them.
 *
 * <p>State: the totals of every group (kept for good: a group's counters may still change, as
 * helpful reactions do weeks later) and the set members of open groups, released when the
 * watermark passes the group's {@code closeAt} ({@link Periods}: the period's end + the allowed
 * lateness + the spam window + a week of slack for stalled partitions).
 */
public class GroupAggregator extends ResultOperator<GroupDelta, GroupRow> {
    private static final String TOTALS = "totals";
    private static final String MEMBERS = "members";

    private transient ValueState<GroupTotals> totals;
    /** Key (set index, member) → additions minus take-backs. */
    private transient MapState<String, Integer> members;

    private transient org.apache.flink.metrics.Counter membersAfterClose;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GroupAggregator.class);

    @Override
    protected void openState() {
        totals = getRuntimeContext().getState(new ValueStateDescriptor<>(TOTALS, GroupTotals.class));
        members = getRuntimeContext().getMapState(new MapStateDescriptor<>(MEMBERS, String.class, Integer.class));
        membersAfterClose =
                io.smmpulse.core.metrics.PulseMetrics.of(getMetricGroup()).counter("kpiMembersAfterClose");
    }

    @Override
    protected void restoreDue() throws Exception {
        KeysInState.forEach(this, TOTALS, () -> {
            GroupTotals t = totals.value();
            if (!t.closed && t.closeAt != Long.MAX_VALUE) {
                releaseAt(t.closeAt);
            }
        });
    }

    @Override
    public void processElement(StreamRecord<GroupDelta> record) throws Exception {
        GroupDelta delta = record.getValue();
        GroupTotals t = totals.value();
        if (t == null) {
            t = new GroupTotals(delta);
            if (t.closeAt != Long.MAX_VALUE) {
                releaseAt(t.closeAt);
            }
        }
        for (int i = 0; i < delta.counts.length; i++) {
            t.counts[i] += delta.counts[i];
        }
        for (int j = 0; j < delta.memberSets.length; j++) {
            int set = delta.memberSets[j];
            if (t.closed) {
                membersAfterClose.inc();
                if (membersAfterClose.getCount() <= 10) {
                    LOG.warn(
                            "{} {}: a member arrived after the group's sets were released (a partition stalled longer than the slack); "
                                    + "its distinct counts may count it twice",
                            delta.kpi,
                            java.util.Arrays.toString(delta.dims));
                }
            }
            t.sizes[set] += Multisets.add(
                    members,
                    Keys.of(Multisets.setKey(set), delta.memberNames[j]),
                    delta.memberCounts[j],
                    delta.memberLasting[j]);
        }
        totals.update(t);
        changed();
    }

    @Override
    protected void emit() throws Exception {
        GroupTotals t = totals.value();
        output.collect(new StreamRecord<>(new GroupRow(t.kpi, t.dims, t.counts.clone(), t.sizes.clone())));
    }

    @Override
    protected void release() throws Exception {
        GroupTotals t = totals.value();
        if (t != null && !t.closed && t.closeAt <= watermark) {
            members.clear();
            t.closed = true;
            totals.update(t);
        }
    }
}
