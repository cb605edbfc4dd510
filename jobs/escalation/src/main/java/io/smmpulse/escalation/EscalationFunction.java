package io.smmpulse.escalation;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.PulseSettings;
import io.smmpulse.core.state.EventTimeTimers;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.SocialEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * SPEC escalation: a case (keyed by community and case_id) is resolved at its first
 * CASE_RESOLVED, without escalation when no CASE_ESCALATED occurred at or before that moment.
 * Both are minima over event time, so the order in which the events arrive does not matter.
 * State is released once the row can no longer change: the watermark past the first resolution
 * plus the allowed lateness; an escalation that is never resolved is kept for the response horizon.
 */
public class EscalationFunction extends KeyedProcessFunction<String, SocialEvent, CaseRow> {
    private final Communities communities;
    private final PulseSettings settings;
    private transient ValueState<CaseState> state;

    public EscalationFunction(Communities communities, PulseSettings settings) {
        this.communities = communities;
        this.settings = settings;
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
        long time = event.getOccurredAt().toEpochMilli();
        if (event.getEventType() == EventType.CASE_RESOLVED) {
            c.firstResolvedAt = c.firstResolvedAt == null ? time : Math.min(c.firstResolvedAt, time);
        } else {
            c.firstEscalatedAt = c.firstEscalatedAt == null ? time : Math.min(c.firstEscalatedAt, time);
        }
        long release = c.firstResolvedAt != null
                ? c.firstResolvedAt + settings.latenessMillis() + 1
                : c.firstEscalatedAt + settings.responseHorizon().toMillis();
        c.releaseTimer = EventTimeTimers.move(ctx.timerService(), c.releaseTimer, release);
        if (c.firstResolvedAt != null) {
            boolean escalated = c.firstEscalatedAt != null && c.firstEscalatedAt <= c.firstResolvedAt;
            String signature = c.firstResolvedAt + "|" + escalated;
            if (!signature.equals(c.lastEmitted)) {
                c.lastEmitted = signature;
                CaseRow row = new CaseRow();
                row.communityId = c.communityId;
                row.caseId = c.caseId;
                row.resolvedAt = c.firstResolvedAt;
                row.day = communities.forCommunity(c.communityId).calendar().localDate(c.firstResolvedAt);
                row.escalated = escalated;
                out.collect(row);
            }
        }
        state.update(c);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CaseRow> out) {
        state.clear();
    }
}
