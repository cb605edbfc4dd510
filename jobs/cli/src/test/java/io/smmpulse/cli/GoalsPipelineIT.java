package io.smmpulse.cli;

import static io.smmpulse.cli.ExpectedRows.assertRows;
import static io.smmpulse.cli.ExpectedRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.config.Communities;
import io.smmpulse.pipeline.replay.ReplayJob;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kpi_goals through the whole replay path at parallelism 2: the eleven metrics per week, one closed week (met and
 * missed) and one open at the replay clock (on track, off track, no data), and a month whose end is an hour early
 * (summer time begins on 29 March in Berlin). SmmPulseGoalOffTrack: the goals off track at half of the closed
 * week fire at that hour and resolve at the week's end, missed; those on track never fire.
 */
class GoalsPipelineIT {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestStack.miniCluster();

    @Test
    void goalsViewEqualsTheDefinition() throws Exception {
        TestStack stack = TestStack.fresh("goals");
        ReplayJob.Stats stats = ReplayJob.replay(
                EscalationPipelineIT.resource("goals-input.jsonl"),
                Communities.load(EscalationPipelineIT.resource("goals-communities.json")),
                stack.deployment);
        assertThat(stats.describe()).startsWith("events read 20, accepted 20, duplicates 0, rejected 0, late 0");
        String open = "0.357143"; // 60 h of the 168 h week at the clock, 2026-03-11T11:00Z
        assertRows(
                stack.query("SELECT metric, period, period_start, target, direction, round(actual, 6),"
                        + " round(elapsed_share, 6), round(projected, 6), status FROM kpi_goals"
                        + " WHERE community_id = 'acme' ORDER BY period, period_start, metric"),
                List.of(
                        row(
                                "ugc_items",
                                "month",
                                "2026-03-01",
                                "20",
                                "at_least",
                                "6",
                                "0.339166",
                                "17.690476",
                                "off_track"),
                        row("active_members", "week", "2026-03-02", "3", "at_least", "3", "1", "3", "met"),
                        row("converters_7d", "week", "2026-03-02", "1", "at_least", "1", "1", "1", "met"),
                        row("frt_avg_s", "week", "2026-03-02", "3600", "at_most", "1800", "1", "1800", "met"),
                        row("helpful_share", "week", "2026-03-02", "0.2", "at_least", "0.25", "1", "0.25", "met"),
                        row("link_clicks", "week", "2026-03-02", "2", "at_least", "1", "1", "1", "missed"),
                        row("negative_share", "week", "2026-03-02", "0.1", "at_most", "0.25", "1", "0.25", "missed"),
                        row("net_follows", "week", "2026-03-02", "1", "at_least", "1", "1", "1", "met"),
                        row("proposals_implemented", "week", "2026-03-02", "1", "at_least", "1", "1", "1", "met"),
                        row(
                                "resolved_without_escalation_share",
                                "week",
                                "2026-03-02",
                                "0.6",
                                "at_least",
                                "0.5",
                                "1",
                                "0.5",
                                "missed"),
                        row("sla_share", "week", "2026-03-02", "0.9", "at_least", "0.5", "1", "0.5", "missed"),
                        row("ugc_items", "week", "2026-03-02", "5", "at_least", "4", "1", "4", "missed"),
                        row("active_members", "week", "2026-03-09", "3", "at_least", "2", open, "5.6", "on_track"),
                        row("converters_7d", "week", "2026-03-09", "1", "at_least", "0", open, "0", "off_track"),
                        row("frt_avg_s", "week", "2026-03-09", "3600", "at_most", "3600", open, "3600", "on_track"),
                        row("helpful_share", "week", "2026-03-09", "0.2", "at_least", "0", open, "0", "off_track"),
                        row("link_clicks", "week", "2026-03-09", "2", "at_least", "0", open, "0", "off_track"),
                        row("negative_share", "week", "2026-03-09", "0.1", "at_most", "0", open, "0", "on_track"),
                        row("net_follows", "week", "2026-03-09", "1", "at_least", "0", open, "0", "off_track"),
                        row(
                                "proposals_implemented",
                                "week",
                                "2026-03-09",
                                "1",
                                "at_least",
                                "0",
                                open,
                                "0",
                                "off_track"),
                        row(
                                "resolved_without_escalation_share",
                                "week",
                                "2026-03-09",
                                "0.6",
                                "at_least",
                                null,
                                open,
                                null,
                                "no_data"),
                        row("sla_share", "week", "2026-03-09", "0.9", "at_least", "1", open, "1", "on_track"),
                        row("ugc_items", "week", "2026-03-09", "5", "at_least", "2", open, "5.6", "on_track")));

        // half of the week of 2 March (Berlin) is 2026-03-05T11:00Z: each goal is judged from then on, on every hour,
        // from the events up to that hour; a count's projection falls as the week goes on without new items
        String half = "2026-03-05 11:00:00.000";
        String end = "2026-03-08 23:00:00.000";
        assertRows(
                stack.query("SELECT metric, status, toString(starts_at), toString(ends_at), owner"
                        + " FROM sla_alerts FINAL WHERE alert_name = 'SmmPulseGoalOffTrack' AND period = 'week'"
                        + " AND period_start = '2026-03-02' ORDER BY metric, status"),
                List.of(
                        // 1 click: 2 projected at the half, 1.98 an hour later
                        row("link_clicks", "FIRING", "2026-03-05 12:00:00.000", null, "community-lead"),
                        row("link_clicks", "RESOLVED", "2026-03-05 12:00:00.000", end, "community-lead"),
                        row("negative_share", "FIRING", half, null, "community-lead"),
                        row("negative_share", "RESOLVED", half, end, "community-lead"),
                        row("resolved_without_escalation_share", "FIRING", half, null, "community-lead"),
                        row("resolved_without_escalation_share", "RESOLVED", half, end, "community-lead"),
                        row("sla_share", "FIRING", half, null, "community-lead"),
                        row("sla_share", "RESOLVED", half, end, "community-lead"),
                        // 4 items: 5 projected up to 80 % of the week (2026-03-07T13:24Z), less from the next hour
                        row("ugc_items", "FIRING", "2026-03-07 14:00:00.000", null, "community-lead"),
                        row("ugc_items", "RESOLVED", "2026-03-07 14:00:00.000", end, "community-lead")));
        // the open week is judged from its half only (2026-03-12), after the replay's clock
        assertThat(stack.query("SELECT count() FROM sla_alerts FINAL WHERE alert_name = 'SmmPulseGoalOffTrack'"
                        + " AND period_start != '2026-03-02'"))
                .element(1)
                .isEqualTo(List.of("0"));
    }
}
