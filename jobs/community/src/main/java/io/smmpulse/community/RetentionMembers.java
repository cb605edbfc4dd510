package io.smmpulse.community;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.event.Roles;
import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.core.spam.SpamTopology;
import io.smmpulse.core.state.Keys;
import io.smmpulse.schema.EventType;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * docs/kpis.md, retention: keyed by community and member, fed their UGC items (THREAD; an item that
 * turns spam is taken back) and event sign-ups (EVENT). Per activity the member's cohort day is
 * the first local day with an activity; when the cohort day or an offset flag (d1, d7, d30 and
 * the _plus ones) changes, the member leaves their old cohort's counters and joins the new one's
 * ({@link #COHORTS}, summed by a {@link GroupAggregator}).
 *
 * <p>State: per member and activity the local days with activities, for good (an activity years
 * later still sets d30_plus; a late first activity moves the cohort), and what was last counted.
 */
public class RetentionMembers extends AbstractStreamOperator<GroupDelta>
        implements OneInputStreamOperator<ClassifiedEvent, GroupDelta> {
    private static final String[] ACTIVITIES = {"THREAD", "EVENT"};
    private static final int[] OFFSETS = {1, 7, 30};

    /** Per community, activity and cohort day: cohort_size, d1, d7, d30, d1_plus, d7_plus, d30_plus. */
    public static final GroupKpi COHORTS = new GroupKpi() {
        @Override
        public String name() {
            return "retention";
        }

        @Override
        public List<String> counterNames() {
            return List.of("cohort_size", "d1", "d7", "d30", "d1_plus", "d7_plus", "d30_plus");
        }

        @Override
        public List<String> setNames() {
            return List.of();
        }
    };

    private final Communities communities;
    /** Key (activity index, epoch day) → activities that day. */
    private transient MapState<String, Integer> days;
    /** Per activity: cohort day and flags last counted, or null. */
    private transient ValueState<long[]> counted;

    public RetentionMembers(Communities communities) {
        this.communities = communities;
    }

    /** The activity a classified event is for this function: 0 THREAD, 1 EVENT, -1 none. */
    public static int activityOf(ClassifiedEvent c) {
        if (SpamTopology.isMemberItem(c.event)) {
            return 0;
        }
        return c.event.getEventType() == EventType.EVENT_SIGNUP && Roles.isMember(c.event.getActorRole()) ? 1 : -1;
    }

    @Override
    public void open() throws Exception {
        super.open();
        days = getRuntimeContext().getMapState(new MapStateDescriptor<>("days", String.class, Integer.class));
        counted = getRuntimeContext().getState(new ValueStateDescriptor<>("counted", long[].class));
    }

    @Override
    public void processElement(StreamRecord<ClassifiedEvent> record) throws Exception {
        ClassifiedEvent c = record.getValue();
        int activity = activityOf(c);
        int sign = c.revision ? -1 : c.spam ? 0 : 1;
        if (activity < 0 || sign == 0) {
            return;
        }
        long day = communities
                .forCommunity(c.event.getCommunityId())
                .calendar()
                .localDay(c.event.getOccurredAt().toEpochMilli())
                .epochDay();
        Multisets.add(days, Keys.of(String.valueOf(activity), String.valueOf(day)), sign);
        long[] last = counted.value();
        if (last == null) {
            last = new long[] {Long.MIN_VALUE, 0, Long.MIN_VALUE, 0};
        }
        long[] cohort = cohortOf(activity);
        if (cohort[0] != last[2 * activity] || cohort[1] != last[2 * activity + 1]) {
            if (last[2 * activity] != Long.MIN_VALUE) {
                output.collect(new StreamRecord<>(
                        delta(c.event.getCommunityId(), activity, last[2 * activity], last[2 * activity + 1], -1)));
            }
            if (cohort[0] != Long.MIN_VALUE) {
                output.collect(new StreamRecord<>(delta(c.event.getCommunityId(), activity, cohort[0], cohort[1], 1)));
            }
            last[2 * activity] = cohort[0];
            last[2 * activity + 1] = cohort[1];
            counted.update(last);
        }
    }

    /** The activity's cohort day (Long.MIN_VALUE: none) and flags: bit i for offset exactly OFFSETS[i], bit 3 + i for at least. */
    private long[] cohortOf(int activity) throws Exception {
        long first = Long.MAX_VALUE;
        long latest = Long.MIN_VALUE;
        java.util.Set<Long> active = new java.util.HashSet<>();
        String prefix = Keys.prefix(String.valueOf(activity));
        for (Map.Entry<String, Integer> e : days.entries()) {
            if (e.getKey().startsWith(prefix) && e.getValue() > 0) {
                long day = Long.parseLong(e.getKey().substring(prefix.length()));
                active.add(day);
                first = Math.min(first, day);
                latest = Math.max(latest, day);
            }
        }
        if (active.isEmpty()) {
            return new long[] {Long.MIN_VALUE, 0};
        }
        long flags = 0;
        for (int i = 0; i < OFFSETS.length; i++) {
            if (active.contains(first + OFFSETS[i])) {
                flags |= 1L << i;
            }
            if (latest >= first + OFFSETS[i]) {
                flags |= 1L << (3 + i);
            }
        }
        return new long[] {first, flags};
    }

    private static GroupDelta delta(String community, int activity, long cohortDay, long flags, int sign) {
        GroupDelta delta = COHORTS.delta(
                        new String[] {community, ACTIVITIES[activity], Long.toString(cohortDay)}, Long.MAX_VALUE, sign)
                .count(0);
        for (int bit = 0; bit < 6; bit++) {
            if ((flags & (1L << bit)) != 0) {
                delta.count(1 + bit);
            }
        }
        return delta;
    }
}
