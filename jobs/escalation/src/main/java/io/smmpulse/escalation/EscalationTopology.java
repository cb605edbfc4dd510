package io.smmpulse.escalation;

import io.smmpulse.core.clickhouse.RowMapping;
import io.smmpulse.core.clickhouse.RowWriter;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.PulseSettings;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.SocialEvent;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;

/** SPEC escalation KPI: one row per resolved case; the view kpi_escalation_daily counts them (sql/030_escalation.sql). */
public final class EscalationTopology {
    private EscalationTopology() {}

    public static boolean isCaseEvent(SocialEvent e) {
        return (e.getEventType() == EventType.CASE_RESOLVED || e.getEventType() == EventType.CASE_ESCALATED)
                && e.getCaseId() != null && !e.getCaseId().isEmpty();
    }

    public static DataStream<CaseRow> build(DataStream<SocialEvent> events, Communities communities, PulseSettings settings) {
        return events
                .filter(EscalationTopology::isCaseEvent)
                .name("Case events")
                .uid("escalation-input")
                .keyBy(e -> e.getCommunityId() + '\u0001' + e.getCaseId())
                .process(new EscalationFunction(communities, settings))
                .name("Resolve cases with and without escalation")
                .uid("escalation");
    }

    /**
     * Keyed by the first resolution too: a case resolved again long after its state was released
     * adds a later row, and the view keeps the earliest, as the spec defines.
     */
    public static final RowMapping<CaseRow> CASES = new RowMapping<>() {
        @Override public String table() { return "escalation_cases"; }
        @Override public List<String> columns() { return List.of("community_id", "case_id", "resolved_at", "day", "escalated"); }
        @Override public void write(CaseRow r, RowWriter out) {
            out.string(r.communityId).string(r.caseId).number(r.resolvedAt).day(r.day.toEpochDay()).flag(r.escalated);
        }
    };
}
