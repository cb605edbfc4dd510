package io.smmpulse.escalation;

import static io.smmpulse.core.TestEvents.at;
import static io.smmpulse.core.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.config.Communities;
import io.smmpulse.schema.ActorRole;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.SocialEvent;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class EscalationFunctionTest {
    private static final Communities COMMUNITIES =
            Communities.parse("{\"communities\": {\"acme\": {\"timezone\": \"Europe/Berlin\"}}}", "test");

    private static SocialEvent caseEvent(String id, EventType type, String at, String caseId) {
        return event(id, type, at, "acme", "x", "staff-1", ActorRole.STAFF)
                .setCaseId(caseId)
                .build();
    }

    private KeyedOneInputStreamOperatorTestHarness<String, SocialEvent, CaseRow> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new EscalationFunction(COMMUNITIES)),
                (SocialEvent e) -> e.getCommunityId() + "|" + e.getCaseId(),
                Types.STRING);
        h.open();
        return h;
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, SocialEvent, CaseRow> h, SocialEvent e)
            throws Exception {
        h.processElement(e, e.getOccurredAt().toEpochMilli());
    }

    @Test
    void escalationArrivingAfterTheResolutionStillCounts() throws Exception {
        var h = harness();
        send(h, caseEvent("e1", EventType.CASE_RESOLVED, "2026-03-02T22:30:00Z", "c1"));
        send(
                h,
                caseEvent(
                        "e2", EventType.CASE_ESCALATED, "2026-03-02T22:30:00Z", "c1")); // at the same moment: escalated
        send(h, caseEvent("e3", EventType.CASE_RESOLVED, "2026-03-02T23:30:00Z", "c2"));
        send(h, caseEvent("e4", EventType.CASE_ESCALATED, "2026-03-02T23:30:00.001Z", "c2")); // after: not escalated
        assertThat(h.extractOutputValues())
                .extracting(CaseRow::toString)
                .containsExactly(
                        "acme/c1 resolved " + at("2026-03-02T22:30:00Z") + " (2026-03-02) without escalation",
                        "acme/c1 resolved " + at("2026-03-02T22:30:00Z") + " (2026-03-02) escalated",
                        "acme/c2 resolved " + at("2026-03-02T23:30:00Z") + " (2026-03-03) without escalation");
    }

    @Test
    void anEarlierResolutionWithdrawsTheRowOfTheFormerOne() throws Exception {
        var h = harness();
        send(h, caseEvent("e1", EventType.CASE_ESCALATED, "2026-03-02T08:00:00Z", "c1"));
        assertThat(h.extractOutputValues()).isEmpty();
        send(h, caseEvent("e2", EventType.CASE_RESOLVED, "2026-03-03T10:00:00Z", "c1"));
        send(h, caseEvent("e3", EventType.CASE_RESOLVED, "2026-03-02T07:00:00Z", "c1"));
        assertThat(h.extractOutputValues())
                .extracting(CaseRow::toString)
                .containsExactly(
                        "acme/c1 resolved " + at("2026-03-03T10:00:00Z") + " (2026-03-03) escalated",
                        "acme/c1 resolved " + at("2026-03-03T10:00:00Z") + " (2026-03-03) escalated, withdrawn",
                        "acme/c1 resolved " + at("2026-03-02T07:00:00Z") + " (2026-03-02) without escalation");
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void aCaseResolvedAgainLongAfterIsStillResolvedOnItsFirstDay() throws Exception {
        var h = harness();
        send(h, caseEvent("e1", EventType.CASE_RESOLVED, "2026-03-02T07:00:00Z", "c1"));
        h.processWatermark(at("2026-06-01T00:00:00Z"));
        send(h, caseEvent("e2", EventType.CASE_ESCALATED, "2026-06-02T08:00:00Z", "c1"));
        send(h, caseEvent("e3", EventType.CASE_RESOLVED, "2026-06-02T09:00:00Z", "c1"));
        send(h, caseEvent("e4", EventType.CASE_RESOLVED, "2026-03-02T07:00:00Z", "c1")); // a copy
        assertThat(h.extractOutputValues())
                .extracting(CaseRow::toString)
                .containsExactly("acme/c1 resolved " + at("2026-03-02T07:00:00Z") + " (2026-03-02) without escalation");
        // the case stays (two instants), with no timer: nothing can ever make it resolved a second time
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void anEscalationWithoutResolutionWritesNothingUntilTheResolution() throws Exception {
        var h = harness();
        send(h, caseEvent("e1", EventType.CASE_ESCALATED, "2026-03-02T08:00:00Z", "c1"));
        h.processWatermark(at("2026-05-01T00:00:00Z"));
        assertThat(h.extractOutputValues()).isEmpty();
        send(h, caseEvent("e2", EventType.CASE_RESOLVED, "2026-05-02T09:00:00Z", "c1"));
        assertThat(h.extractOutputValues())
                .extracting(CaseRow::toString)
                .containsExactly("acme/c1 resolved " + at("2026-05-02T09:00:00Z") + " (2026-05-02) escalated");
    }
}
