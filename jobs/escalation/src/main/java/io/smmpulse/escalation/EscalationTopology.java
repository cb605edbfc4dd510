package io.smmpulse.escalation;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.event.EventRules;
import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.core.spam.SpamTopology;
import io.smmpulse.core.state.Keys;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.SocialEvent;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * docs/kpis.md, escalation and resolution time: one row per resolved case; the views kpi_escalation_daily and
 * kpi_resolution_daily count them (sql/030_escalation.sql).
 */
public final class EscalationTopology {
    private EscalationTopology() {}

    public static boolean isCaseEvent(SocialEvent e) {
        return (e.getEventType() == EventType.CASE_RESOLVED || e.getEventType() == EventType.CASE_ESCALATED)
                && e.getCaseId() != null
                && !e.getCaseId().isEmpty();
    }

    /** Case events, and the questions that may start a case (with their spam revisions). */
    static boolean isInput(ClassifiedEvent c) {
        return isCaseEvent(c.event) || (EventRules.isQuestion(c.event) && (!c.spam || c.revision));
    }

    static String caseKey(SocialEvent e) {
        return Keys.of(e.getCommunityId(), isCaseEvent(e) ? e.getCaseId() : e.getContentId());
    }

    /** {@code events}: the KPI events with their spam verdicts ({@code SpamTopology.classify}). */
    public static DataStream<CaseRow> build(SpamTopology.Classified events, Communities communities) {
        return events.select(EscalationTopology::isInput, "Case events and questions", "escalation-input")
                .keyBy(c -> caseKey(c.event))
                .process(new EscalationFunction(communities))
                .name("Resolve cases: escalation and resolution time")
                .uid("escalation");
    }
}
