package io.smmpulse.escalation;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.state.Keys;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.SocialEvent;
import org.apache.flink.streaming.api.datastream.DataStream;

/** SPEC escalation KPI: one row per resolved case; the view kpi_escalation_daily counts them (sql/030_escalation.sql). */
public final class EscalationTopology {
    private EscalationTopology() {}

    public static boolean isCaseEvent(SocialEvent e) {
        return (e.getEventType() == EventType.CASE_RESOLVED || e.getEventType() == EventType.CASE_ESCALATED)
                && e.getCaseId() != null
                && !e.getCaseId().isEmpty();
    }

    public static DataStream<CaseRow> build(DataStream<SocialEvent> events, Communities communities) {
        return events.filter(EscalationTopology::isCaseEvent)
                .name("Case events")
                .uid("escalation-input")
                .keyBy(e -> Keys.of(e.getCommunityId(), e.getCaseId()))
                .process(new EscalationFunction(communities))
                .name("Resolve cases with and without escalation")
                .uid("escalation");
    }
}
