package io.smmpulse.goals;

import static io.smmpulse.core.TestEvents.at;
import static io.smmpulse.core.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.schema.ActorRole;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.SlaAlert;
import io.smmpulse.schema.SocialEvent;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class GoalAlertFunctionTest {
    /** 10 UGC items a week (UTC: the week of 2 March is [2 March, 9 March)), judged from half of the week on. */
    private static final Communities COMMUNITIES = Communities.parse("""
            {"communities": {"acme": {"goals": [{"metric": "ugc_items", "period": "week", "target": 10}],
                                      "goal_alert_after": 0.5,
                                      "risk": {"owners": {"goals": "community-team"}}}}}
            """, "test");

    private static int ids;

    private static GoalInput item(String at) {
        SocialEvent e = event("e" + ids++, EventType.POST, at, "acme", "x", "member-" + ids, ActorRole.MEMBER)
                .setContentId("item-" + ids)
                .build();
        List<GoalInput> changes = new java.util.ArrayList<>();
        GoalLedger.changesOf(ClassifiedEvent.notSpam(e), COMMUNITIES.forCommunity("acme"), changes::add);
        assertThat(changes).hasSize(1); // a member's item: the item, whose author is active by it
        return changes.get(0);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, GoalInput, SlaAlert> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new GoalAlertFunction(COMMUNITIES, EventTimeSettings.live())),
                GoalInput::community,
                Types.STRING);
        h.open();
        return h;
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, GoalInput, SlaAlert> h, GoalInput in)
            throws Exception {
        h.processElement(in, in.time());
    }

    /** The clock reaching {@code instant} (live timers stand a millisecond before their instant). */
    private static void clockAt(KeyedOneInputStreamOperatorTestHarness<String, GoalInput, SlaAlert> h, String instant)
            throws Exception {
        h.processWatermark(at(instant) - 1);
    }

    private static List<String> alerts(KeyedOneInputStreamOperatorTestHarness<String, GoalInput, SlaAlert> h) {
        return h.extractOutputValues().stream()
                .map(a -> a.getStatus() + " " + a.getStartsAt() + (a.getEndsAt() == null ? "" : "-" + a.getEndsAt())
                        + " " + a.getMetric() + " " + a.getPeriod() + " " + a.getPeriodStart() + " " + a.getOwner()
                        + ": " + a.getSummary())
                .toList();
    }

    @Test
    void firesAndResolvesOnceEachWayFromWhatHadHappenedByTheHour() throws Exception {
        var h = harness();
        send(h, item("2026-03-02T01:00:00Z"));
        for (int i = 0; i < 9; i++) {
            send(h, item("2026-03-05T12:30:00Z")); // read before the clock reaches 12:00, but after it
        }
        clockAt(h, "2026-03-05T11:00:00Z"); // 45 % of the week: not judged yet
        assertThat(alerts(h)).isEmpty();
        clockAt(h, "2026-03-05T12:00:00Z"); // half of the week: 1 item, 2 projected
        clockAt(h, "2026-03-05T13:00:00Z"); // 10 items, 19.8 projected
        clockAt(h, "2026-03-09T00:00:00Z"); // off track again later in the week: no second firing
        assertThat(alerts(h))
                .containsExactly(
                        "FIRING 2026-03-05T12:00:00Z ugc_items week 2026-03-02 community-team:"
                                + " ugc_items week of 2026-03-02: projected 2.000 against a target >= 10.00",
                        "RESOLVED 2026-03-05T12:00:00Z-2026-03-05T13:00:00Z ugc_items week 2026-03-02 community-team:"
                                + " ugc_items week of 2026-03-02: at 19.76 against a target >= 10.00 (on track again)");
        // the week is over: what it counted is released; the next hour's timer stays
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        assertThat(h.numEventTimeTimers()).isEqualTo(1);
    }

    @Test
    void aGoalStillOffTrackAtThePeriodsEndResolvesThereWithItsStatus() throws Exception {
        var h = harness();
        send(h, item("2026-03-02T01:00:00Z"));
        clockAt(h, "2026-03-05T12:00:00Z");
        send(h, item("2026-03-08T10:00:00Z"));
        clockAt(h, "2026-03-09T00:00:00Z");
        clockAt(h, "2026-03-12T00:00:00Z"); // the next week is judged from its half only
        assertThat(alerts(h))
                .containsExactly(
                        "FIRING 2026-03-05T12:00:00Z ugc_items week 2026-03-02 community-team:"
                                + " ugc_items week of 2026-03-02: projected 2.000 against a target >= 10.00",
                        "RESOLVED 2026-03-05T12:00:00Z-2026-03-09T00:00:00Z ugc_items week 2026-03-02 community-team:"
                                + " ugc_items week of 2026-03-02: at 2.000 against a target >= 10.00"
                                + " (period ended: missed)");
    }

    @Test
    void aPeriodEndingBetweenHoursIsJudgedAtItsEnd() throws Exception {
        // Kolkata's week of 2 March ends at 2026-03-08T18:30Z: no whole UTC hour falls on it
        Communities kolkata = Communities.parse("""
                {"communities": {"acme": {"timezone": "Asia/Kolkata",
                                          "goals": [{"metric": "sla_share", "period": "week", "target": 0.9}],
                                          "goal_alert_after": 0.5}}}
                """, "test");
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new GoalAlertFunction(kolkata, EventTimeSettings.live())),
                GoalInput::community,
                Types.STRING);
        h.open();
        send(h, question("q1", "2026-03-02T00:00:00Z", "2026-03-02T01:00:00Z", null));
        // answered in time after the week's end, before the next hour
        send(h, question("q2", "2026-03-08T18:00:00Z", "2026-03-08T18:45:00Z", "2026-03-08T18:40:00Z"));
        clockAt(h, "2026-03-09T00:00:00Z");
        assertThat(alerts(h))
                .last()
                .asString()
                .startsWith("RESOLVED 2026-03-05T07:00:00Z-2026-03-08T18:30:00Z sla_share week 2026-03-02")
                .endsWith("at 0.000 against a target >= 0.9000 (period ended: missed)");
    }

    private static GoalInput question(String id, String askedAt, String deadline, String respondedAt) {
        io.smmpulse.firstresponse.QuestionRow q = new io.smmpulse.firstresponse.QuestionRow();
        q.communityId = "acme";
        q.platform = "x";
        q.questionId = id;
        q.askedAt = at(askedAt);
        q.deadlineAt = at(deadline);
        q.respondedAt = respondedAt == null ? null : at(respondedAt);
        return GoalLedger.changeOf(q);
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void theEndOfTheInputEndsTheHours() throws Exception {
        var h = harness();
        send(h, item("2026-03-02T01:00:00Z"));
        h.processWatermark(Long.MAX_VALUE);
        assertThat(h.numEventTimeTimers()).isZero();
    }
}
