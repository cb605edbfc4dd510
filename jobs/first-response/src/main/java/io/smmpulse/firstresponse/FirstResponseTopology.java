package io.smmpulse.firstresponse;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.core.event.EventRules;
import io.smmpulse.core.event.Roles;
import io.smmpulse.core.spam.SpamTopology;
import io.smmpulse.core.state.Keys;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.SlaAlert;
import io.smmpulse.schema.SocialEvent;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * docs/kpis.md, questions and first response: one row per question, kept current, from which
 * the views kpi_first_response_daily and kpi_sla_breaches are computed (sql/020_first_response.sql).
 */
public final class FirstResponseTopology {
    private FirstResponseTopology() {}

    /** One row per question kept current, and the SLA alert transitions. */
    public record Streams(DataStream<QuestionRow> questions, DataStream<SlaAlert> alerts) {}

    /** {@code events}: the KPI events with their spam verdicts ({@code SpamTopology.classify}). */
    public static Streams build(SpamTopology.Classified events, Communities communities, EventTimeSettings settings) {
        SingleOutputStreamOperator<QuestionRow> questions = events.select(
                        c -> (EventRules.isQuestion(c.event) && (!c.spam || c.revision)) || isBrandReply(c.event),
                        "Questions and brand replies",
                        "first-response-input")
                .keyBy(c -> questionKey(c.event))
                .process(new FirstResponseFunction(communities, settings))
                .name("Match first response and track SLA")
                .uid("first-response");
        return new Streams(questions, questions.getSideOutput(FirstResponseFunction.ALERTS));
    }

    /** A brand-side COMMENT replying to some item: a candidate first response to it. */
    public static boolean isBrandReply(SocialEvent e) {
        return e.getEventType() == EventType.COMMENT && Roles.isBrandSide(e.getActorRole()) && e.getParentId() != null;
    }

    static String questionKey(SocialEvent e) {
        String id = EventRules.isQuestion(e) ? e.getContentId() : e.getParentId();
        return Keys.of(e.getCommunityId(), e.getPlatform(), id);
    }
}
