package io.smmpulse.risk;

import static io.smmpulse.core.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.schema.SlaAlert;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The risk windows of one key with docs/kpis.md's rules on small numbers: 60-minute windows sliding by
 * 5, a 3-hour baseline needing 2 windows, σ = 1, min_count 4 (so that only the spike of 5 can rise).
 */
class RiskWindowFunctionTest {
    static final Communities COMMUNITIES = Communities.parse("""
            {"defaults": {"risk": {"window_minutes": 60, "slide_minutes": 5, "baseline_hours": 3, "min_history_hours": 2,
                                   "sigma": 1.0, "min_count": 4, "owners": {"*": "community-lead", "negative": "social-care"}}}}
            """, "test");
    static final long T0 = at("2026-03-02T00:00:00Z");
    static final long MINUTE = 60_000L;
    static final long HOUR = 60 * MINUTE;

    private static KeyedOneInputStreamOperatorTestHarness<String, RiskHit, RiskRow> harness(EventTimeSettings settings)
            throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new RiskWindowFunction(COMMUNITIES, settings)), RiskHit::key, Types.STRING);
        harness.open();
        return harness;
    }

    private static void hits(KeyedOneInputStreamOperatorTestHarness<String, RiskHit, RiskRow> h, long time, int count)
            throws Exception {
        for (int i = 0; i < count; i++) {
            h.processElement(new RiskHit("acme", "negative", time, 1), time);
        }
    }

    /** The last row emitted for each window end. */
    private static Map<Long, RiskRow> rows(KeyedOneInputStreamOperatorTestHarness<String, RiskHit, RiskRow> h) {
        Map<Long, RiskRow> rows = new TreeMap<>();
        h.extractOutputValues().forEach(row -> rows.put(row.windowEnd, row));
        return rows;
    }

    private static List<String> alerts(KeyedOneInputStreamOperatorTestHarness<String, RiskHit, RiskRow> h) {
        var side = h.getSideOutput(RiskWindowFunction.ALERTS);
        return side == null
                ? List.of()
                : side.stream()
                        .map(r -> r.getValue().getAlertId().replace("acme/risk/negative/", ""))
                        .toList();
    }

    /**
     * Hour windows ending 01:00, 02:00, 03:00 hold 1, 3 and 2 items; 5 more at 03:10. The window
     * ending 03:15 holds the 5; its baseline, the windows ending 02:15, 01:15 and 00:15, hold 2, 3
     * and 1: mean 2, std √(2/3), so 5 is above 2 + 2·0.816 — critical.
     */
    private static void spike(KeyedOneInputStreamOperatorTestHarness<String, RiskHit, RiskRow> h) throws Exception {
        h.processElement(new RiskHit("acme", "negative", T0, 0), T0);
        hits(h, T0 + 10 * MINUTE, 1);
        hits(h, T0 + HOUR + 10 * MINUTE, 3);
        hits(h, T0 + 2 * HOUR + 10 * MINUTE, 2);
        hits(h, T0 + 3 * HOUR + 10 * MINUTE, 5);
    }

    @Test
    void levelsFollowTheBaselineAndAlertsFireAndResolveOnceInOrder() throws Exception {
        var h = harness(EventTimeSettings.replay(T0 + 24 * HOUR));
        spike(h);
        h.processWatermark(T0 + 5 * HOUR);
        Map<Long, RiskRow> rows = rows(h);

        RiskRow first = rows.get(T0 + HOUR);
        assertThat(first.count).isEqualTo(1);
        assertThat(first.baselineMean)
                .as("the window ending 00:00 does not end after the earliest event")
                .isNull();
        RiskRow second = rows.get(T0 + 2 * HOUR);
        assertThat(second.count).isEqualTo(3);
        assertThat(second.baselineMean)
                .as("one baseline window, min_history_hours is 2")
                .isNull();
        assertThat(second.level).isEqualTo("none");
        RiskRow third = rows.get(T0 + 3 * HOUR);
        assertThat(third.count).isEqualTo(2);
        assertThat(third.baselineMean).isEqualTo(2.0);
        assertThat(third.baselineStd).isEqualTo(1.0);
        assertThat(third.level).as("2 is not above 2 + 1").isEqualTo("none");
        RiskRow spike = rows.get(T0 + 3 * HOUR + 15 * MINUTE);
        assertThat(spike.count).isEqualTo(5);
        assertThat(spike.baselineMean).isEqualTo(2.0);
        assertThat(spike.baselineStd).isCloseTo(Math.sqrt(2.0 / 3), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(spike.level).isEqualTo("critical");
        assertThat(rows).as("no row for a window without events").doesNotContainKey(T0 + 4 * HOUR + 15 * MINUTE);

        long fired = T0 + 3 * HOUR + 15 * MINUTE;
        long fell = T0 + 4 * HOUR + 15 * MINUTE;
        assertThat(alerts(h))
                .containsExactly(
                        "warning/" + fired + "/FIRING",
                        "critical/" + fired + "/FIRING",
                        "critical/" + fired + "/RESOLVED",
                        "warning/" + fired + "/RESOLVED");
        SlaAlert warning = h.getSideOutput(RiskWindowFunction.ALERTS).peek().getValue();
        assertThat(warning.getAlertName()).isEqualTo("SmmPulseRiskSpike");
        assertThat(warning.getOwner()).isEqualTo("social-care");
        assertThat(warning.getSeverity()).isEqualTo("warning");
        assertThat(warning.getStartsAt().toEpochMilli()).isEqualTo(fired);
        assertThat(h.getSideOutput(RiskWindowFunction.ALERTS).stream()
                        .toList()
                        .get(3)
                        .getValue()
                        .getEndsAt()
                        .toEpochMilli())
                .isEqualTo(fell);

        // every bucket is pruned once it has left every baseline (3 h + window + 1 h lateness): the earliest event time
        // stays
        h.processWatermark(T0 + 10 * HOUR);
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
    }

    @Test
    void aLateEventRewritesTheRowsOfDecidedWindowsButNotTheAlerts() throws Exception {
        var h = harness(EventTimeSettings.replay(T0 + 24 * HOUR));
        spike(h);
        h.processWatermark(T0 + 4 * HOUR);
        int alertsBefore = alerts(h).size();
        hits(h, T0 + 3 * HOUR + 20 * MINUTE, 1); // 40 minutes behind the watermark, inside the hour of lateness
        Map<Long, RiskRow> rows = rows(h);
        assertThat(rows.get(T0 + 3 * HOUR + 25 * MINUTE).count).isEqualTo(6);
        assertThat(rows.get(T0 + 3 * HOUR + 25 * MINUTE).baselineMean)
                .as("windows 02:25, 01:25, 00:25 hold 2, 3, 1")
                .isEqualTo(2.0);
        assertThat(rows.get(T0 + 3 * HOUR + 15 * MINUTE).count)
                .as("the window before the late event")
                .isEqualTo(5);
        assertThat(alerts(h)).hasSize(alertsBefore);
        h.processWatermark(T0 + 5 * HOUR);
        assertThat(rows(h).get(T0 + 4 * HOUR + 15 * MINUTE).count)
                .as("a window the late event still reaches, decided later")
                .isEqualTo(1);
    }

    @Test
    void aRevisionTakesAnItemBack() throws Exception {
        var h = harness(EventTimeSettings.replay(T0 + 24 * HOUR));
        hits(h, T0 + 10 * MINUTE, 2);
        h.processElement(new RiskHit("acme", "negative", T0 + 10 * MINUTE, -1), T0 + 10 * MINUTE);
        h.processWatermark(T0 + 2 * HOUR);
        assertThat(rows(h).get(T0 + HOUR).count).isEqualTo(1);
    }

    @Test
    void liveWindowsAreDecidedWhenTheInputUpToTheirEndHasBeenRead() throws Exception {
        var h = harness(EventTimeSettings.live());
        hits(h, T0 + 10 * MINUTE, 3);
        long end = T0 + 15 * MINUTE;
        h.processWatermark(end - 2);
        assertThat(rows(h)).isEmpty();
        h.processWatermark(end - 1);
        assertThat(rows(h)).containsOnlyKeys(end);
    }

    @Test
    void aSnapshotRestoresBucketsTimersAndOpenAlerts() throws Exception {
        EventTimeSettings settings = EventTimeSettings.replay(T0 + 24 * HOUR);
        var h = harness(settings);
        spike(h);
        h.processWatermark(T0 + 3 * HOUR + 30 * MINUTE);
        assertThat(alerts(h)).hasSize(2);
        OperatorSubtaskState snapshot = h.snapshot(1L, 1L);
        h.close();
        var restored = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new RiskWindowFunction(COMMUNITIES, settings)), RiskHit::key, Types.STRING);
        restored.initializeState(snapshot);
        restored.open();
        restored.processWatermark(T0 + 5 * HOUR);
        long fired = T0 + 3 * HOUR + 15 * MINUTE;
        assertThat(alerts(restored))
                .containsExactly("critical/" + fired + "/RESOLVED", "warning/" + fired + "/RESOLVED");
        assertThat(rows(restored).get(T0 + 4 * HOUR + 10 * MINUTE).count).isEqualTo(5);
    }

    /**
     * State per key is bounded by the span the baselines reach back, not by the events: a key with
     * an event in every 5-minute bucket for 6 and for 12 days (default config: 168-hour baseline)
     * snapshots to the same size once the first week has passed.
     */
    @Test
    void stateStaysBoundedHoweverLongTheKeyRuns() throws Exception {
        Communities defaults = Communities.parse("{}", "defaults");
        long[] sizes = new long[2];
        int[] days = {9, 18};
        for (int run = 0; run < 2; run++) {
            var h = new KeyedOneInputStreamOperatorTestHarness<>(
                    new KeyedProcessOperator<>(new RiskWindowFunction(defaults, EventTimeSettings.replay(0))),
                    RiskHit::key,
                    Types.STRING);
            h.open();
            for (long t = T0; t < T0 + days[run] * 24 * HOUR; t += 5 * MINUTE) {
                h.processElement(new RiskHit("acme", "negative", t, 1), t);
                h.processWatermark(t - 1);
            }
            OperatorSubtaskState snapshot = h.snapshot(1L, 1L);
            sizes[run] = snapshot.getManagedKeyedState().stream()
                    .mapToLong(org.apache.flink.runtime.state.StateObject::getStateSize)
                    .sum();
            h.close();
        }
        assertThat(sizes[1])
                .as("bytes after %d days against %d days", days[1], days[0])
                .isBetween(sizes[0] - 1_024, sizes[0] + 1_024);
        // 168 h × 12 buckets + the window + the hour of lateness, a count each, and a dozen timers: under 48 KB per key
        // at most
        assertThat(sizes[0]).isLessThan(48_000);
        System.out.printf("risk state of one saturated key: %d bytes%n", sizes[0]);
    }
}
