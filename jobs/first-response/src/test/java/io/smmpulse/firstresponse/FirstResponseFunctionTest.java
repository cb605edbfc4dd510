package io.smmpulse.firstresponse;

import static io.smmpulse.core.TestEvents.at;
import static io.smmpulse.core.TestEvents.question;
import static io.smmpulse.core.TestEvents.reply;
import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.TestEvents;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.schema.ActorRole;
import io.smmpulse.schema.Channel;
import io.smmpulse.schema.Priority;
import io.smmpulse.schema.SocialEvent;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class FirstResponseFunctionTest {
    /** UTC, Monday to Friday 09:00-18:00, 120 business minutes; DIRECT URGENT: 15 calendar minutes. */
    static final Communities COMMUNITIES = Communities.parse("""
            {"defaults": {"timezone": "UTC",
                          "sla": [{"channel": "DIRECT", "priority": "URGENT", "first_response_minutes": 15, "business_hours": false},
                                  {"channel": "*", "priority": "*", "first_response_minutes": 120, "business_hours": true}]}}
            """, "test");

    static final long HOUR = 3_600_000L;

    /** Monday 2026-03-02 10:00 UTC; the deadline is 12:00 UTC. */
    static final String ASKED = "2026-03-02T10:00:00Z";

    static final long DEADLINE = at("2026-03-02T12:00:00Z");
    /** 80 % of 120 business minutes after 10:00. */
    static final long WARNING = at("2026-03-02T11:36:00Z");

    /** Live mode: the watermark at which the alert clock stands at {@code instant} (watermark + 1). */
    private static void readUpTo(
            KeyedOneInputStreamOperatorTestHarness<String, ClassifiedEvent, QuestionRow> h, long instant)
            throws Exception {
        h.processWatermark(instant - 1);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ClassifiedEvent, QuestionRow> harness(
            EventTimeSettings settings) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, ClassifiedEvent, QuestionRow> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new FirstResponseFunction(COMMUNITIES, settings)),
                        c -> FirstResponseTopology.questionKey(c.event),
                        Types.STRING);
        harness.open();
        return harness;
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, ClassifiedEvent, QuestionRow> h, SocialEvent e)
            throws Exception {
        h.processElement(ClassifiedEvent.notSpam(e), e.getOccurredAt().toEpochMilli());
    }

    private static SocialEvent q1() {
        return question("e-q1", "q1", ASKED, "acme", "x", Channel.PUBLIC, Priority.NORMAL);
    }

    @Test
    void replyBeforeQuestionIsMatchedWhenTheQuestionArrives() throws Exception {
        var h = harness(EventTimeSettings.replay(at("2026-03-03T00:00:00Z")));
        send(h, reply("e-r1", "q1", "2026-03-02T10:30:00Z", "acme", "x", ActorRole.STAFF));
        assertThat(h.extractOutputValues()).isEmpty();
        send(h, q1());
        List<QuestionRow> rows = h.extractOutputValues();
        assertThat(rows).hasSize(1);
        QuestionRow row = rows.get(0);
        assertThat(row.status).isEqualTo(QuestionStatus.WITHIN);
        assertThat(row.frtMillis).isEqualTo(30 * 60_000L);
        assertThat(row.businessFrtMillis).isEqualTo(30 * 60_000L);
        assertThat(row.deadlineAt).isEqualTo(DEADLINE);
        assertThat(row.warningAt).as("0.8 of 120 business minutes").isEqualTo(at("2026-03-02T11:36:00Z"));
        assertThat(row.day).hasToString("2026-03-02");
    }

    @Test
    void botsAndMembersNeverGiveTheFirstResponse() throws Exception {
        var h = harness(EventTimeSettings.replay(at("2026-03-03T00:00:00Z")));
        send(h, q1());
        send(h, reply("e-bot", "q1", "2026-03-02T10:00:05Z", "acme", "x", ActorRole.BOT));
        send(h, reply("e-member", "q1", "2026-03-02T10:01:00Z", "acme", "x", ActorRole.MEMBER));
        send(h, reply("e-mod", "q1", "2026-03-02T11:00:00Z", "acme", "x", ActorRole.MODERATOR));
        List<QuestionRow> rows = h.extractOutputValues();
        assertThat(rows).extracting(r -> r.status).containsExactly(QuestionStatus.PENDING, QuestionStatus.WITHIN);
        assertThat(rows.get(1).respondedAt).isEqualTo(at("2026-03-02T11:00:00Z"));
    }

    /** docs/kpis.md: the responder is the first response's actor; of two replies at the same millisecond, the smaller event_id. */
    @Test
    void theResponderIsTheFirstRepliesActorAndATieGoesToTheSmallerEventId() throws Exception {
        var h = harness(EventTimeSettings.replay(at("2026-03-03T00:00:00Z")));
        send(h, q1());
        send(
                h,
                TestEvents.event(
                                "e-r9",
                                io.smmpulse.schema.EventType.COMMENT,
                                "2026-03-02T10:20:00Z",
                                "acme",
                                "x",
                                "anna",
                                ActorRole.STAFF)
                        .setContentId("a9")
                        .setParentId("q1")
                        .build());
        send(
                h,
                TestEvents.event(
                                "e-r5",
                                io.smmpulse.schema.EventType.COMMENT,
                                "2026-03-02T10:20:00Z",
                                "acme",
                                "x",
                                "ben",
                                ActorRole.MODERATOR)
                        .setContentId("a5")
                        .setParentId("q1")
                        .build());
        send(
                h,
                TestEvents.event(
                                "e-r7",
                                io.smmpulse.schema.EventType.COMMENT,
                                "2026-03-02T10:20:00Z",
                                "acme",
                                "x",
                                "cleo",
                                ActorRole.STAFF)
                        .setContentId("a7")
                        .setParentId("q1")
                        .build());
        List<QuestionRow> rows = h.extractOutputValues();
        assertThat(rows).extracting(r -> r.responderId).containsExactly(null, "anna", "ben");
        assertThat(rows.get(2).respondedDay).hasToString("2026-03-02");
        assertThat(rows.get(2).respondedAt).isEqualTo(at("2026-03-02T10:20:00Z"));
    }

    @Test
    void duplicatesChangeNothing() throws Exception {
        var h = harness(EventTimeSettings.replay(at("2026-03-03T00:00:00Z")));
        send(h, q1());
        send(h, q1());
        send(h, reply("e-r1", "q1", "2026-03-02T10:30:00Z", "acme", "x", ActorRole.STAFF));
        send(h, reply("e-r1", "q1", "2026-03-02T10:30:00Z", "acme", "x", ActorRole.STAFF));
        assertThat(h.extractOutputValues())
                .extracting(r -> r.status)
                .containsExactly(QuestionStatus.PENDING, QuestionStatus.WITHIN);
    }

    @Test
    void replyExactlyAtTheDeadlineIsWithinOneMillisecondLaterIsBreached() throws Exception {
        var h = harness(EventTimeSettings.replay(at("2026-03-03T00:00:00Z")));
        send(h, q1());
        send(h, reply("e-r1", "q1", "2026-03-02T12:00:00Z", "acme", "x", ActorRole.STAFF));
        send(h, question("e-q2", "q2", ASKED, "acme", "x", Channel.PUBLIC, Priority.NORMAL));
        send(h, reply("e-r2", "q2", "2026-03-02T12:00:00.001Z", "acme", "x", ActorRole.STAFF));
        List<QuestionRow> rows = h.extractOutputValues();
        assertThat(rows.stream()
                        .filter(r -> r.questionId.equals("q1"))
                        .reduce((a, b) -> b)
                        .orElseThrow()
                        .status)
                .isEqualTo(QuestionStatus.WITHIN);
        QuestionRow q2 = rows.stream()
                .filter(r -> r.questionId.equals("q2"))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(q2.status).isEqualTo(QuestionStatus.BREACHED);
        assertThat(q2.frtMillis).isEqualTo(2 * HOUR + 1);
    }

    @Test
    void watermarkPastTheDeadlineBreachesAndALaterReplyKeepsTheBreach() throws Exception {
        var h = harness(EventTimeSettings.replay(at("2026-03-03T00:00:00Z")));
        send(h, q1());
        h.processWatermark(DEADLINE);
        assertThat(h.extractOutputValues()).extracting(r -> r.status).containsExactly(QuestionStatus.PENDING);
        h.processWatermark(DEADLINE + 1);
        assertThat(h.extractOutputValues())
                .extracting(r -> r.status)
                .containsExactly(QuestionStatus.PENDING, QuestionStatus.BREACHED);
        send(h, reply("e-r1", "q1", "2026-03-02T12:30:00Z", "acme", "x", ActorRole.STAFF));
        QuestionRow last = h.extractOutputValues().get(2);
        assertThat(last.status).isEqualTo(QuestionStatus.BREACHED);
        assertThat(last.respondedAt).isEqualTo(at("2026-03-02T12:30:00Z"));
    }

    @Test
    void stateAndTimersAreReleasedOnceTheRowCannotChange() throws Exception {
        EventTimeSettings settings = EventTimeSettings.replay(at("2026-03-03T00:00:00Z"));
        var h = harness(settings);
        send(h, q1());
        send(h, reply("e-r1", "q1", "2026-03-02T10:30:00Z", "acme", "x", ActorRole.STAFF));
        send(h, reply("e-orphan", "not-a-question", "2026-03-02T10:40:00Z", "acme", "x", ActorRole.STAFF));
        assertThat(h.numKeyedStateEntries()).isEqualTo(2);
        h.processWatermark(at("2026-03-02T10:30:00Z") + settings.latenessMillis());
        assertThat(h.numKeyedStateEntries()).isEqualTo(2);
        h.processWatermark(at("2026-03-02T10:40:00Z") + settings.latenessMillis() + 1);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.extractOutputValues())
                .extracting(r -> r.status)
                .containsExactly(QuestionStatus.PENDING, QuestionStatus.WITHIN);
    }

    @Test
    void endOfReplayUsesTheReplayClock() throws Exception {
        // the input ends at 11:59: the 12:00 deadline has not passed, the 10:15 calendar-time deadline has
        var h = harness(EventTimeSettings.replay(at("2026-03-02T11:59:00Z")));
        send(h, q1());
        send(h, question("e-q2", "q2", ASKED, "acme", "x", Channel.DIRECT, Priority.URGENT));
        h.processWatermark(Long.MAX_VALUE);
        List<QuestionRow> rows = h.extractOutputValues();
        assertThat(rows.stream()
                        .filter(r -> r.questionId.equals("q1"))
                        .reduce((a, b) -> b)
                        .orElseThrow()
                        .status)
                .isEqualTo(QuestionStatus.PENDING);
        assertThat(rows.stream()
                        .filter(r -> r.questionId.equals("q2"))
                        .reduce((a, b) -> b)
                        .orElseThrow()
                        .status)
                .isEqualTo(QuestionStatus.BREACHED);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void liveModeBreachesOnceTheInputUpToTheDeadlineHasBeenRead() throws Exception {
        var h = harness(EventTimeSettings.live());
        h.setProcessingTime(DEADLINE + 3_600_000);
        send(h, q1());
        assertThat(h.numProcessingTimeTimers())
                .as("the wall clock alone decides nothing")
                .isZero();
        readUpTo(h, DEADLINE);
        assertThat(h.extractOutputValues()).extracting(r -> r.status).containsExactly(QuestionStatus.PENDING);
        readUpTo(h, DEADLINE + 1);
        assertThat(h.extractOutputValues())
                .extracting(r -> r.status)
                .containsExactly(QuestionStatus.PENDING, QuestionStatus.BREACHED);
        assertThat(h.numEventTimeTimers()).as("only the clean-up timer is left").isEqualTo(1);
    }

    @Test
    void spamQuestionsAreNeverCountedAndARevisionWithdrawsOne() throws Exception {
        var h = harness(EventTimeSettings.replay(at("2026-03-03T00:00:00Z")));
        SocialEvent spam = question("e-spam", "q-spam", ASKED, "acme", "x", Channel.PUBLIC, Priority.NORMAL);
        h.processElement(new ClassifiedEvent(spam, true, false), at(ASKED));
        send(h, reply("e-r0", "q-spam", "2026-03-02T10:05:00Z", "acme", "x", ActorRole.STAFF));
        assertThat(h.extractOutputValues()).isEmpty();
        send(h, q1());
        h.processElement(new ClassifiedEvent(q1(), true, true), at(ASKED));
        List<QuestionRow> rows = h.extractOutputValues();
        assertThat(rows).extracting(r -> r.spam).containsExactly(false, true);
        assertThat(rows).extracting(r -> r.questionId).containsOnly("q1");
    }

    private static List<String> alerts(KeyedOneInputStreamOperatorTestHarness<String, ClassifiedEvent, QuestionRow> h) {
        var side = h.getSideOutput(FirstResponseFunction.ALERTS);
        return side == null
                ? List.of()
                : side.stream().map(r -> r.getValue().getAlertId()).toList();
    }

    @Test
    void aWarningFiresAtTheWarningInstantAndGivesWayToTheBreach() throws Exception {
        var h = harness(EventTimeSettings.live());
        h.setProcessingTime(at("2026-03-02T10:00:01Z"));
        send(h, q1());
        readUpTo(h, WARNING - 1);
        assertThat(alerts(h)).isEmpty();
        h.setProcessingTime(WARNING + 1_000);
        readUpTo(h, WARNING);
        assertThat(alerts(h)).containsExactly("acme/x/q1/at-risk/FIRING");
        var warning = h.getSideOutput(FirstResponseFunction.ALERTS).peek().getValue();
        assertThat(warning.getAlertName()).isEqualTo(FirstResponseFunction.AT_RISK);
        assertThat(warning.getStartsAt().toEpochMilli()).isEqualTo(WARNING);
        assertThat(warning.getDecidedAt().toEpochMilli()).isEqualTo(WARNING + 1_000);
        readUpTo(h, DEADLINE);
        assertThat(alerts(h)).hasSize(1);
        h.setProcessingTime(DEADLINE + 2_000);
        readUpTo(h, DEADLINE + 1);
        assertThat(alerts(h))
                .containsExactly("acme/x/q1/at-risk/FIRING", "acme/x/q1/at-risk/RESOLVED", "acme/x/q1/FIRING");
        var transitions = h.getSideOutput(FirstResponseFunction.ALERTS).stream()
                .map(r -> r.getValue())
                .toList();
        assertThat(transitions.get(1).getEndsAt().toEpochMilli()).isEqualTo(DEADLINE);
        assertThat(transitions.get(2).getAlertName()).isEqualTo(FirstResponseFunction.BREACHED);
        assertThat(transitions.get(2).getStartsAt().toEpochMilli()).isEqualTo(DEADLINE);
        assertThat(transitions.get(2).getDecidedAt().toEpochMilli()).isEqualTo(DEADLINE + 2_000);
        send(h, reply("e-r1", "q1", "2026-03-02T12:05:00Z", "acme", "x", ActorRole.STAFF));
        send(h, reply("e-r2", "q1", "2026-03-02T12:06:00Z", "acme", "x", ActorRole.STAFF));
        assertThat(alerts(h))
                .containsExactly(
                        "acme/x/q1/at-risk/FIRING",
                        "acme/x/q1/at-risk/RESOLVED",
                        "acme/x/q1/FIRING",
                        "acme/x/q1/RESOLVED");
    }

    @Test
    void aWarningResolvesAtTheResponse() throws Exception {
        var h = harness(EventTimeSettings.live());
        send(h, q1());
        readUpTo(h, WARNING + 60_000);
        send(h, reply("e-r1", "q1", "2026-03-02T11:50:00Z", "acme", "x", ActorRole.STAFF));
        readUpTo(h, DEADLINE + 2 * HOUR);
        assertThat(alerts(h)).containsExactly("acme/x/q1/at-risk/FIRING", "acme/x/q1/at-risk/RESOLVED");
        assertThat(h.getSideOutput(FirstResponseFunction.ALERTS).stream()
                        .toList()
                        .get(1)
                        .getValue()
                        .getEndsAt())
                .isEqualTo(java.time.Instant.parse("2026-03-02T11:50:00Z"));
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void aBacklogReadInOrderPagesNobodyForAQuestionAnsweredInTime() throws Exception {
        var h = harness(EventTimeSettings.live());
        h.setProcessingTime(DEADLINE + 24 * HOUR);
        send(h, q1());
        readUpTo(h, at(ASKED));
        send(h, reply("e-r1", "q1", "2026-03-02T11:00:00Z", "acme", "x", ActorRole.STAFF));
        readUpTo(h, at("2026-03-02T11:00:00Z"));
        readUpTo(h, DEADLINE + 24 * HOUR);
        assertThat(alerts(h)).isEmpty();
        assertThat(h.extractOutputValues())
                .extracting(r -> r.status)
                .containsExactly(QuestionStatus.PENDING, QuestionStatus.WITHIN);
    }

    @Test
    void replyOneMillisecondBeforeTheDeadlineFiresNothing() throws Exception {
        var h = harness(EventTimeSettings.live());
        send(h, q1());
        send(h, reply("e-r1", "q1", "2026-03-02T11:59:59.999Z", "acme", "x", ActorRole.STAFF));
        readUpTo(h, DEADLINE + 2 * HOUR);
        assertThat(alerts(h)).isEmpty();
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.numKeyedStateEntries()).isZero();
    }

    @Test
    void liveReplyOneMillisecondAfterTheDeadlineFiresOnceAndResolvesOnce() throws Exception {
        var h = harness(EventTimeSettings.live());
        send(h, q1());
        readUpTo(h, DEADLINE + 1);
        send(h, reply("e-r1", "q1", "2026-03-02T12:00:00.001Z", "acme", "x", ActorRole.STAFF));
        send(h, reply("e-r1", "q1", "2026-03-02T12:00:00.001Z", "acme", "x", ActorRole.STAFF));
        readUpTo(h, DEADLINE + 2 * HOUR);
        assertThat(alerts(h)).containsExactly("acme/x/q1/FIRING", "acme/x/q1/RESOLVED");
    }

    @Test
    void aReplyInTimeReadAfterTheBreachWasDecidedResolvesItAtOnceAndSaysWhy() throws Exception {
        var h = harness(EventTimeSettings.live());
        send(h, q1());
        readUpTo(h, DEADLINE + 1);
        send(h, reply("e-r1", "q1", "2026-03-02T11:59:00Z", "acme", "x", ActorRole.STAFF));
        readUpTo(h, DEADLINE + 2 * HOUR);
        assertThat(alerts(h)).containsExactly("acme/x/q1/FIRING", "acme/x/q1/RESOLVED");
        var resolved = h.getSideOutput(FirstResponseFunction.ALERTS).stream()
                .toList()
                .get(1)
                .getValue();
        assertThat(resolved.getSummary())
                .startsWith("Withdrawn: the first brand reply at 2026-03-02T11:59:00Z was in time");
        assertThat(h.extractOutputValues())
                .extracting(r -> r.status)
                .as("the KPI follows the reply; the deadline is not decided again")
                .containsExactly(QuestionStatus.PENDING, QuestionStatus.BREACHED, QuestionStatus.WITHIN);
    }

    @Test
    void aBreachNobodyAnswersResolvesAsExpiredAtTheResponseHorizon() throws Exception {
        var h = harness(EventTimeSettings.live().withResponseHorizon(java.time.Duration.ofDays(7)));
        send(h, q1());
        readUpTo(h, DEADLINE + 1);
        assertThat(alerts(h)).containsExactly("acme/x/q1/FIRING");
        readUpTo(h, at(ASKED) + 7 * 24 * HOUR - 1);
        assertThat(alerts(h)).as("still firing a moment before the horizon").hasSize(1);
        readUpTo(h, at(ASKED) + 7 * 24 * HOUR + 1);
        assertThat(alerts(h)).containsExactly("acme/x/q1/FIRING", "acme/x/q1/RESOLVED");
        var expired = h.getSideOutput(FirstResponseFunction.ALERTS).stream()
                .toList()
                .get(1)
                .getValue();
        assertThat(expired.getSummary()).startsWith("Expired: still unanswered 7 days after it was asked");
        assertThat(expired.getEndsAt().toEpochMilli()).isEqualTo(at(ASKED) + 7 * 24 * HOUR);
        assertThat(h.numKeyedStateEntries()).isZero();
    }

    @Test
    void replyOneMillisecondAfterTheDeadlineBreachesAndResolves() throws Exception {
        var h = harness(EventTimeSettings.replay(at("2026-03-03T00:00:00Z")));
        send(h, q1());
        send(h, reply("e-r1", "q1", "2026-03-02T12:00:00.001Z", "acme", "x", ActorRole.STAFF));
        h.processWatermark(Long.MAX_VALUE);
        assertThat(alerts(h)).containsExactly("acme/x/q1/FIRING", "acme/x/q1/RESOLVED");
    }

    @Test
    void restartFromASnapshotSendsNoDuplicateAlert() throws Exception {
        EventTimeSettings settings = EventTimeSettings.live();
        var h = harness(settings);
        send(h, q1());
        readUpTo(h, DEADLINE + 1);
        assertThat(alerts(h)).containsExactly("acme/x/q1/FIRING");
        OperatorSubtaskState snapshot = h.snapshot(1L, DEADLINE + 1);
        h.close();
        var restored = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new FirstResponseFunction(COMMUNITIES, settings)),
                (ClassifiedEvent c) -> FirstResponseTopology.questionKey(c.event),
                Types.STRING);
        restored.initializeState(snapshot);
        restored.open();
        send(restored, q1());
        readUpTo(restored, DEADLINE + 10_000);
        assertThat(alerts(restored)).isEmpty();
        send(restored, reply("e-r1", "q1", "2026-03-02T12:30:00Z", "acme", "x", ActorRole.STAFF));
        assertThat(alerts(restored)).containsExactly("acme/x/q1/RESOLVED");
    }

    @Test
    void restoredStateGoesOnWhereItStopped() throws Exception {
        EventTimeSettings settings = EventTimeSettings.replay(at("2026-03-03T00:00:00Z"));
        var h = harness(settings);
        send(h, q1());
        OperatorSubtaskState snapshot = h.snapshot(1L, 1L);
        h.close();
        var restored = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new FirstResponseFunction(COMMUNITIES, settings)),
                c -> FirstResponseTopology.questionKey(c.event),
                Types.STRING);
        restored.initializeState(snapshot);
        restored.open();
        send(restored, q1());
        assertThat(restored.extractOutputValues()).isEmpty();
        restored.processWatermark(DEADLINE + 1);
        assertThat(restored.extractOutputValues()).extracting(r -> r.status).containsExactly(QuestionStatus.BREACHED);
    }
}
