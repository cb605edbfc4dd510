package io.smmpulse.escalation;

import static io.smmpulse.core.TestEvents.at;
import static io.smmpulse.core.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.schema.ActorRole;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.SocialEvent;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class EscalationFunctionTest {
    private static final Communities COMMUNITIES = Communities.parse("""
                    {"defaults": {"business_hours": {"mon": ["09:00-18:00"], "tue": ["09:00-18:00"], "wed": ["09:00-18:00"],
                                                     "thu": ["09:00-18:00"], "fri": ["09:00-18:00"]}},
                     "communities": {"acme": {"timezone": "Europe/Berlin", "holidays": ["2026-03-30"]}}}
                    """, "test");

    private static SocialEvent caseEvent(String id, EventType type, String at, String caseId) {
        return event(id, type, at, "acme", "x", "staff-1", ActorRole.STAFF)
                .setCaseId(caseId)
                .build();
    }

    private static SocialEvent question(String id, String at, String contentId) {
        return event(id, EventType.COMMENT, at, "acme", "x", "member-1", ActorRole.MEMBER)
                .setContentId(contentId)
                .setIsQuestion(true)
                .build();
    }

    private KeyedOneInputStreamOperatorTestHarness<String, ClassifiedEvent, CaseRow> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new EscalationFunction(COMMUNITIES)),
                (ClassifiedEvent c) -> EscalationTopology.caseKey(c.event),
                Types.STRING);
        h.open();
        return h;
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, ClassifiedEvent, CaseRow> h, SocialEvent e)
            throws Exception {
        send(h, ClassifiedEvent.notSpam(e));
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, ClassifiedEvent, CaseRow> h, ClassifiedEvent c)
            throws Exception {
        h.processElement(c, c.event.getOccurredAt().toEpochMilli());
    }

    /** Resolved, escalated, withdrawn, start, with question and business time, as the table gets them. */
    private static String cells(CaseRow r) {
        return r.caseId + " " + Instant.ofEpochMilli(r.resolvedAt) + " " + r.day + (r.escalated ? " escalated" : "")
                + (r.withdrawn ? " withdrawn" : "") + " from " + Instant.ofEpochMilli(r.startedAt)
                + (r.withQuestion ? " (question)" : "") + " business " + Duration.ofMillis(r.businessMillis);
    }

    @Test
    void escalationArrivingAfterTheResolutionStillCounts() throws Exception {
        var h = harness();
        send(h, caseEvent("e1", EventType.CASE_RESOLVED, "2026-03-02T22:30:00Z", "c1"));
        // at the same moment: escalated
        send(h, caseEvent("e2", EventType.CASE_ESCALATED, "2026-03-02T22:30:00Z", "c1"));
        send(h, caseEvent("e3", EventType.CASE_RESOLVED, "2026-03-02T23:30:00Z", "c2"));
        // after: not escalated, and the case still started at its resolution
        send(h, caseEvent("e4", EventType.CASE_ESCALATED, "2026-03-02T23:30:00.001Z", "c2"));
        assertThat(h.extractOutputValues())
                .extracting(EscalationFunctionTest::cells)
                .containsExactly(
                        "c1 2026-03-02T22:30:00Z 2026-03-02 from 2026-03-02T22:30:00Z business PT0S",
                        "c1 2026-03-02T22:30:00Z 2026-03-02 escalated from 2026-03-02T22:30:00Z business PT0S",
                        "c2 2026-03-02T23:30:00Z 2026-03-03 from 2026-03-02T23:30:00Z business PT0S");
    }

    @Test
    void anEarlierResolutionWithdrawsTheRowOfTheFormerOne() throws Exception {
        var h = harness();
        send(h, caseEvent("e1", EventType.CASE_ESCALATED, "2026-03-02T08:00:00Z", "c1"));
        assertThat(h.extractOutputValues()).isEmpty();
        send(h, caseEvent("e2", EventType.CASE_RESOLVED, "2026-03-03T10:00:00Z", "c1"));
        send(h, caseEvent("e3", EventType.CASE_RESOLVED, "2026-03-02T07:00:00Z", "c1"));
        // Monday 09:00-18:00 Berlin is 08:00-17:00 UTC: 9 h, then Tuesday 08:00-10:00 UTC: 2 h
        assertThat(h.extractOutputValues())
                .extracting(EscalationFunctionTest::cells)
                .containsExactly(
                        "c1 2026-03-03T10:00:00Z 2026-03-03 escalated from 2026-03-02T08:00:00Z business PT11H",
                        "c1 2026-03-03T10:00:00Z 2026-03-03 escalated withdrawn from 2026-03-02T08:00:00Z business PT11H",
                        "c1 2026-03-02T07:00:00Z 2026-03-02 from 2026-03-02T07:00:00Z business PT0S");
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
                .extracting(EscalationFunctionTest::cells)
                .containsExactly("c1 2026-03-02T07:00:00Z 2026-03-02 from 2026-03-02T07:00:00Z business PT0S");
        // the case stays (three instants), with no timer: nothing can ever make it resolved a second time
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
                .extracting(EscalationFunctionTest::cells)
                .containsExactly(
                        "c1 2026-05-02T09:00:00Z 2026-05-02 escalated from 2026-03-02T08:00:00Z business PT396H");
    }

    @Test
    void theQuestionStartsTheCaseWhenItCameFirstInWhateverOrderItArrives() throws Exception {
        var h = harness();
        send(h, caseEvent("e1", EventType.CASE_RESOLVED, "2026-03-03T09:30:00Z", "q1"));
        send(h, caseEvent("e2", EventType.CASE_ESCALATED, "2026-03-02T09:00:00Z", "q1"));
        send(h, question("e3", "2026-03-02T07:00:00Z", "q1")); // arrives last, asked first
        send(h, question("e3", "2026-03-02T07:00:00Z", "q1")); // a copy changes nothing
        // Monday 08:00-17:00 UTC (9 h from the question, 8 h from the escalation) and Tuesday 08:00-09:30 UTC
        assertThat(h.extractOutputValues())
                .extracting(EscalationFunctionTest::cells)
                .containsExactly(
                        "q1 2026-03-03T09:30:00Z 2026-03-03 from 2026-03-03T09:30:00Z business PT0S",
                        "q1 2026-03-03T09:30:00Z 2026-03-03 escalated from 2026-03-02T09:00:00Z business PT9H30M",
                        "q1 2026-03-03T09:30:00Z 2026-03-03 escalated from 2026-03-02T07:00:00Z (question)"
                                + " business PT10H30M");
    }

    @Test
    void aQuestionAfterTheFirstCaseEventDoesNotStartTheCaseButATieDoes() throws Exception {
        var h = harness();
        send(h, caseEvent("e1", EventType.CASE_ESCALATED, "2026-03-02T10:00:00Z", "late"));
        send(h, caseEvent("e2", EventType.CASE_RESOLVED, "2026-03-02T12:00:00Z", "late"));
        send(h, question("e3", "2026-03-02T10:30:00Z", "late"));
        send(h, caseEvent("e4", EventType.CASE_RESOLVED, "2026-03-02T12:00:00Z", "tie"));
        send(h, question("e5", "2026-03-02T12:00:00Z", "tie"));
        assertThat(h.extractOutputValues())
                .extracting(EscalationFunctionTest::cells)
                .containsExactly(
                        "late 2026-03-02T12:00:00Z 2026-03-02 escalated from 2026-03-02T10:00:00Z business PT2H",
                        "tie 2026-03-02T12:00:00Z 2026-03-02 from 2026-03-02T12:00:00Z business PT0S",
                        "tie 2026-03-02T12:00:00Z 2026-03-02 from 2026-03-02T12:00:00Z (question) business PT0S");
    }

    @Test
    void aQuestionFoundToBeSpamNoLongerStartsTheCase() throws Exception {
        var h = harness();
        SocialEvent asked = question("e1", "2026-03-02T08:00:00Z", "q1");
        send(h, asked);
        send(h, caseEvent("e2", EventType.CASE_RESOLVED, "2026-03-02T10:00:00Z", "q1"));
        send(h, new ClassifiedEvent(asked, true, true));
        send(h, new ClassifiedEvent(question("e3", "2026-03-02T07:00:00Z", "q1"), true, false)); // spam from the start
        assertThat(h.extractOutputValues())
                .extracting(EscalationFunctionTest::cells)
                .containsExactly(
                        "q1 2026-03-02T10:00:00Z 2026-03-02 from 2026-03-02T08:00:00Z (question) business PT2H",
                        "q1 2026-03-02T10:00:00Z 2026-03-02 from 2026-03-02T10:00:00Z business PT0S");
    }

    @Test
    void businessTimeSkipsTheWeekendAndTheHolidayAcrossTheChangeToSummerTime() throws Exception {
        var h = harness();
        // Friday 17:00 CET; Berlin changes to CEST on Sunday 29 March; Monday 30 March is a holiday;
        // Tuesday 10:00 CEST: one business hour on Friday, one on Tuesday, 88 h of calendar time
        send(h, question("e1", "2026-03-27T16:00:00Z", "q1"));
        send(h, caseEvent("e2", EventType.CASE_RESOLVED, "2026-03-31T08:00:00Z", "q1"));
        assertThat(h.extractOutputValues())
                .extracting(EscalationFunctionTest::cells)
                .containsExactly(
                        "q1 2026-03-31T08:00:00Z 2026-03-31 from 2026-03-27T16:00:00Z (question) business PT2H");
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
    }
}
