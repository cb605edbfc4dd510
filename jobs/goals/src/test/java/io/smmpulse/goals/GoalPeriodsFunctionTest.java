package io.smmpulse.goals;

import static io.smmpulse.core.TestEvents.at;
import static io.smmpulse.core.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.schema.ActorRole;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.SocialEvent;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class GoalPeriodsFunctionTest {
    private static final String GOALS = """
            {"communities": {"acme": {"timezone": "Europe/Berlin", "goals": [%s]}}}
            """;
    private static final Communities WEEK_AND_MONTH = Communities.parse(
            GOALS.formatted("{\"metric\": \"sla_share\", \"period\": \"week\", \"target\": 0.9},"
                    + " {\"metric\": \"ugc_items\", \"period\": \"month\", \"target\": 400}"),
            "test");

    private static SocialEvent view(String id, String at) {
        return event(id, EventType.VIEW, at, "acme", "x", "member-1", ActorRole.MEMBER)
                .build();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, SocialEvent, GoalPeriodRow> harness(
            Communities communities, EventTimeSettings settings, OperatorSubtaskState restored) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new GoalPeriodsFunction(communities, settings)),
                SocialEvent::getCommunityId,
                Types.STRING);
        if (restored != null) {
            h.initializeState(restored);
        }
        h.open();
        return h;
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, SocialEvent, GoalPeriodRow> h, SocialEvent e)
            throws Exception {
        h.processElement(e, e.getOccurredAt().toEpochMilli());
    }

    private static java.util.List<String> drain(
            KeyedOneInputStreamOperatorTestHarness<String, SocialEvent, GoalPeriodRow> h) {
        var rows = h.extractOutputValues().stream().map(GoalPeriodRow::toString).toList();
        h.getOutput().clear();
        return rows;
    }

    @Test
    void periodsFollowTheClockFromTheFirstEventAcrossTheChangeToSummerTime() throws Exception {
        var h = harness(WEEK_AND_MONTH, EventTimeSettings.live(), null);
        send(h, view("e1", "2026-03-25T10:00:00Z"));
        send(h, view("e2", "2026-03-26T10:00:00Z")); // same periods: nothing new
        assertThat(drain(h))
                .containsExactly(
                        "acme sla_share week 2026-03-23 [2026-03-22T23:00:00Z, 2026-03-29T22:00:00Z) at_least 0.9",
                        "acme ugc_items month 2026-03-01 [2026-02-28T23:00:00Z, 2026-03-31T22:00:00Z) at_least 400.0");
        assertThat(h.numEventTimeTimers()).isEqualTo(1);
        // the week of the change lasts 167 h; the clock reaches the next week, then the next month
        h.processWatermark(at("2026-03-29T22:00:00Z") - 1);
        assertThat(drain(h))
                .containsExactly(
                        "acme sla_share week 2026-03-30 [2026-03-29T22:00:00Z, 2026-04-05T22:00:00Z) at_least 0.9");
        h.processWatermark(at("2026-03-31T22:00:00Z") - 1);
        assertThat(drain(h))
                .containsExactly(
                        "acme ugc_items month 2026-04-01 [2026-03-31T22:00:00Z, 2026-04-30T22:00:00Z) at_least 400.0");
        // an earlier event adds the weeks before; March is written already
        send(h, view("e3", "2026-03-10T10:00:00Z"));
        assertThat(drain(h))
                .containsExactly(
                        "acme sla_share week 2026-03-09 [2026-03-08T23:00:00Z, 2026-03-15T23:00:00Z) at_least 0.9",
                        "acme sla_share week 2026-03-16 [2026-03-15T23:00:00Z, 2026-03-22T23:00:00Z) at_least 0.9");
        assertThat(h.numEventTimeTimers()).isEqualTo(1);
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
    }

    @Test
    void aReplayWritesEveryPeriodUpToItsClockAndSetsNoTimer() throws Exception {
        var h = harness(WEEK_AND_MONTH, EventTimeSettings.replay(at("2026-04-07T12:00:00Z")), null);
        send(h, view("e1", "2026-03-31T10:00:00Z"));
        assertThat(drain(h))
                .extracting(row -> row.substring(0, row.indexOf(" [")))
                .containsExactly(
                        "acme sla_share week 2026-03-30",
                        "acme sla_share week 2026-04-06",
                        "acme ugc_items month 2026-03-01",
                        "acme ugc_items month 2026-04-01");
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void aChangedConfigRewritesTheTargetsAndWithdrawsARemovedGoal() throws Exception {
        var h = harness(WEEK_AND_MONTH, EventTimeSettings.live(), null);
        send(h, view("e1", "2026-03-25T10:00:00Z"));
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();
        Communities changed = Communities.parse(
                GOALS.formatted("{\"metric\": \"sla_share\", \"period\": \"week\", \"target\": 0.95}"), "test");
        var restarted = harness(changed, EventTimeSettings.live(), snapshot);
        send(restarted, view("e2", "2026-03-25T11:00:00Z"));
        assertThat(drain(restarted))
                .containsExactly(
                        "acme sla_share week 2026-03-23 [2026-03-22T23:00:00Z, 2026-03-29T22:00:00Z) at_least 0.95",
                        "acme ugc_items month 2026-03-01 [2026-02-28T23:00:00Z, 2026-03-31T22:00:00Z) at_least 400.0"
                                + " removed");
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void theEndOfTheInputEndsThePeriods() throws Exception {
        var h = harness(WEEK_AND_MONTH, EventTimeSettings.live(), null);
        send(h, view("e1", "2026-03-25T10:00:00Z"));
        h.processWatermark(Long.MAX_VALUE);
        assertThat(h.numEventTimeTimers()).isZero();
    }
}
