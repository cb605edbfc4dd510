package io.smmpulse.escalation;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.event.EventRules;
import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.SocialEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * docs/kpis.md, escalation and resolution time: a case (keyed by community and case_id) is resolved at its first
 * CASE_RESOLVED, without escalation when no CASE_ESCALATED occurred at or before that moment; it started at the
 * earliest of its question (the question whose content_id is the case's id) and its case events. All are minima over
 * event time, so the order in which the events arrive does not matter.
 *
 * <p>The case is kept for good (three instants), so the job alone decides the first resolution: a resolution after it
 * changes nothing, and the table holds one row per resolved case, found by its day without looking at the rest of the
 * history. When a late event moves the first resolution earlier, the row of the former one is withdrawn (it may sit in
 * another month's partition, where no newer row of the case would replace it).
 */
public class EscalationFunction extends KeyedProcessFunction<String, ClassifiedEvent, CaseRow> {
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
    public void processElement(ClassifiedEvent classified, Context ctx, Collector<CaseRow> out) throws Exception {
        SocialEvent event = classified.event;
        CaseState c = state.value();
        if (c == null) {
            c = new CaseState();
            c.communityId = event.getCommunityId();
            c.caseId = EventRules.isQuestion(event) ? event.getContentId() : event.getCaseId();
        }
        CaseRow before = c.firstResolvedAt == null ? null : row(c, c.firstResolvedAt, false);
        if (!apply(c, classified)) {
            return;
        }
        state.update(c);
        if (c.firstResolvedAt == null) {
            return;
        }
        CaseRow now = row(c, c.firstResolvedAt, false);
        if (before != null && before.resolvedAt != now.resolvedAt) {
            before.withdrawn = true;
            out.collect(before);
        }
        if (before == null || !sameContent(before, now)) {
            out.collect(now);
        }
    }

    /** Folds the event into the case; false when it changes nothing. */
    private static boolean apply(CaseState c, ClassifiedEvent classified) {
        SocialEvent event = classified.event;
        long time = event.getOccurredAt().toEpochMilli();
        if (EventRules.isQuestion(event)) {
            if (classified.revision) {
                // the question turned out to be spam: it never started the case
                boolean itWasTheStart = c.questionAskedAt != null && c.questionAskedAt == time;
                c.questionAskedAt = itWasTheStart ? null : c.questionAskedAt;
                return itWasTheStart;
            }
            if (classified.spam || (c.questionAskedAt != null && c.questionAskedAt <= time)) {
                return false;
            }
            c.questionAskedAt = time;
            return true;
        }
        if (event.getEventType() == EventType.CASE_RESOLVED) {
            if (c.firstResolvedAt != null && c.firstResolvedAt <= time) {
                return false;
            }
            c.firstResolvedAt = time;
            return true;
        }
        if (c.firstEscalatedAt != null && c.firstEscalatedAt <= time) {
            return false;
        }
        c.firstEscalatedAt = time;
        return true;
    }

    private static boolean sameContent(CaseRow a, CaseRow b) {
        return a.resolvedAt == b.resolvedAt
                && a.escalated == b.escalated
                && a.startedAt == b.startedAt
                && a.withQuestion == b.withQuestion;
    }

    private CaseRow row(CaseState c, long resolvedAt, boolean withdrawn) {
        var calendar = communities.forCommunity(c.communityId).calendar();
        CaseRow row = new CaseRow();
        row.communityId = c.communityId;
        row.caseId = c.caseId;
        row.resolvedAt = resolvedAt;
        row.day = calendar.localDate(resolvedAt);
        row.escalated = c.escalatedByResolution();
        row.withdrawn = withdrawn;
        row.startedAt = c.startedAt();
        row.withQuestion = c.startedWithQuestion();
        row.businessMillis = calendar.businessMillisBetween(row.startedAt, resolvedAt);
        return row;
    }
}
