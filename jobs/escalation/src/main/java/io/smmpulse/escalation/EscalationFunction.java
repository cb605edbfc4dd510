package io.smmpulse.escalation;

import io.smmpulse.core.config.Communities;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.SocialEvent;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * SPEC escalation: a case (keyed by community and case_id) is resolved at its first
 * CASE_RESOLVED, without escalation when no CASE_ESCALATED occurred at or before that moment.
 * Both are minima over event time, so the order in which the events arrive does not matter.
 *
 * <p>The case is kept for good (two instants), so the job alone decides the first resolution:
 * a resolution after it changes nothing, and the table holds one row per resolved case, found by
 * its day without looking at the rest of the history. When a late event moves the first
 * resolution earlier, the row of the former one is withdrawn (it may sit in another month's
 * partition, where no newer row of the case would replace it).
 */
public class EscalationFunction extends KeyedProcessFunction<String, SocialEvent, CaseRow> {
    private final Communities communities;
    private transient ValueState<CaseState> state;

    public EscalationFunction(Communities communities) {
        this.communities = communities;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("case", CaseState.class));
    }

    @Override
    public void processElement(SocialEvent event, Context ctx, Collector<CaseRow> out) throws Exception {
        CaseState c = state.value();
        if (c == null) {
            c = new CaseState();
            c.communityId = event.getCommunityId();
            c.caseId = event.getCaseId();
        }
        Long resolvedBefore = c.firstResolvedAt;
        boolean escalatedBefore = c.escalatedByResolution();
        long time = event.getOccurredAt().toEpochMilli();
        if (event.getEventType() == EventType.CASE_RESOLVED) {
            if (c.firstResolvedAt != null && c.firstResolvedAt <= time) {
                return;
            }
            c.firstResolvedAt = time;
        } else {
            if (c.firstEscalatedAt != null && c.firstEscalatedAt <= time) {
                return;
            }
            c.firstEscalatedAt = time;
        }
        state.update(c);
        if (c.firstResolvedAt == null) {
            return;
        }
        boolean moved = !Objects.equals(resolvedBefore, c.firstResolvedAt);
        if (moved && resolvedBefore != null) {
            out.collect(row(c, resolvedBefore, escalatedBefore, true));
        }
        if (moved || escalatedBefore != c.escalatedByResolution()) {
            out.collect(row(c, c.firstResolvedAt, c.escalatedByResolution(), false));
        }
    }

    private CaseRow row(CaseState c, long resolvedAt, boolean escalated, boolean withdrawn) {
        CaseRow row = new CaseRow();
        row.communityId = c.communityId;
        row.caseId = c.caseId;
        row.resolvedAt = resolvedAt;
        row.day = communities.forCommunity(c.communityId).calendar().localDate(resolvedAt);
        row.escalated = escalated;
        row.withdrawn = withdrawn;
        return row;
    }
}
