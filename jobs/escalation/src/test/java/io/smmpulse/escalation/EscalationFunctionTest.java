package io.smmpulse.escalation;

import static io.smmpulse.core.TestEvents.at;
import static io.smmpulse.core.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.PulseSettings;
import io.smmpulse.schema.ActorRole;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.SocialEvent;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class EscalationFunctionTest {
    private static final Communities COMMUNITIES = Communities.parse("{\"communities\": {\"acme\": {\"timezone\": \"Europe/Berlin\"}}}", "test");
    private static final PulseSettings SETTINGS = PulseSettings.replay(at("2026-03-10T00:00:00Z"));

    private static SocialEvent caseEvent(String id, EventType type, String at, String caseId) {
        return event(id, type, at, "acme", "x", "staff-1", ActorRole.STAFF).setCaseId(caseId).build();
    }

    private KeyedOneInputStreamOperatorTestHarness<String, SocialEvent, CaseRow> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new EscalationFunction(COMMUNITIES, SETTINGS)),
                (SocialEvent e) -> e.getCommunityId() + "|" + e.getCaseId(), Types.STRING);
        h.open();
        return h;
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, SocialEvent, CaseRow> h, SocialEvent e) throws Exception {
        h.processElement(e, e.getOccurredAt().toEpochMilli());
    }

    @Test
    void escalationArrivingAfterTheResolutionStillCounts() throws Exception {
        var h = harness();
        send(h, caseEvent("e1", EventType.CASE_RESOLVED, "2026-03-02T22:30:00Z", "c1"));
        send(h, caseEvent("e2", EventType.CASE_ESCALATED, "2026-03-02T22:30:00Z", "c1")); // at the same moment: escalated
        send(h, caseEvent("e3", EventType.CASE_RESOLVED, "2026-03-02T23:30:00Z", "c2"));
        send(h, caseEvent("e4", EventType.CASE_ESCALATED, "2026-03-02T23:30:00.001Z", "c2")); // after: not escalated
        assertThat(h.extractOutputValues()).extracting(CaseRow::toString).containsExactly(
                "acme/c1 resolved " + at("2026-03-02T22:30:00Z") + " (2026-03-02) without escalation",
                "acme/c1 resolved " + at("2026-03-02T22:30:00Z") + " (2026-03-02) escalated",
                "acme/c2 resolved " + at("2026-03-02T23:30:00Z") + " (2026-03-03) without escalation");
    }

    @Test
    void anEarlierResolutionMovesTheDayAndStateIsReleased() throws Exception {
        var h = harness();
        send(h, caseEvent("e1", EventType.CASE_ESCALATED, "2026-03-02T08:00:00Z", "c1"));
        assertThat(h.extractOutputValues()).isEmpty();
        send(h, caseEvent("e2", EventType.CASE_RESOLVED, "2026-03-03T10:00:00Z", "c1"));
        send(h, caseEvent("e3", EventType.CASE_RESOLVED, "2026-03-02T07:00:00Z", "c1"));
        assertThat(h.extractOutputValues()).extracting(r -> r.day.toString() + " " + r.escalated)
                .containsExactly("2026-03-03 true", "2026-03-02 false");
        h.processWatermark(at("2026-03-02T07:00:00Z") + SETTINGS.latenessMillis() + 1);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }
}
