package io.smmpulse.cli;

import static io.smmpulse.cli.ExpectedRows.assertRows;
import static io.smmpulse.cli.ExpectedRows.row;

import io.smmpulse.core.config.Communities;
import io.smmpulse.pipeline.replay.ReplayJob;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/kpis.md risk signals through the whole pipeline at parallelism 2 (src/test/resources/risk-input.jsonl):
 * the expected rows come from an independent implementation of docs/kpis.md over the same events
 * (risk-oracle.py, exact fractions). Covered: no baseline before min_history_hours (and none from
 * windows ending at or before the community's earliest event, a VIEW), a flat baseline (std 0), a
 * count exactly at mean + sigma·std (mentions at 03:00: none), windows across the hour (30-minute
 * slide), a copy of a question and of an escalation counted once, spam items from stop words, and
 * a late negative post (40 minutes behind the watermark, inside the hour of lateness) that rewrites
 * the window it falls in after that window was decided.
 */
class RiskPipelineIT {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestStack.miniCluster();

    static final Communities COMMUNITIES = Communities.parse("""
            {"defaults": {"timezone": "UTC", "stop_words": ["casino"], "negative_words": ["broken"],
                          "sla": [{"channel": "*", "priority": "*", "first_response_minutes": 120, "business_hours": false}],
                          "risk": {"window_minutes": 60, "slide_minutes": 30, "baseline_hours": 3, "min_history_hours": 2,
                                   "sigma": 1.0, "min_count": 3, "owners": {"*": "community-lead", "spam": "trust-and-safety"}}}}
            """, "risk-it");

    @Test
    void windowsBaselinesAndLevelsMatchSpecOnEveryEdge() throws Exception {
        TestStack stack = TestStack.fresh("risk");
        ReplayJob.replay(EscalationPipelineIT.resource("risk-input.jsonl"), COMMUNITIES, stack.deployment);
        assertRows(
                stack.query("SELECT community_id, signal, toString(window_end), count, "
                        + "ifNull(toString(round(baseline_mean, 6)), ''), ifNull(toString(round(baseline_std, 6)), ''), level "
                        + "FROM kpi_risk_windows ORDER BY community_id, signal, window_end"),
                List.of(
                        row("acme", "escalations", "2026-03-02 02:00:00.000", "1", "", "", "none"),
                        row("acme", "escalations", "2026-03-02 02:30:00.000", "1", "0", "0", "none"),
                        row("acme", "escalations", "2026-03-02 03:00:00.000", "1", "0.5", "0.5", "none"),
                        row("acme", "escalations", "2026-03-02 03:30:00.000", "1", "0.333333", "0.471405", "none"),
                        row("acme", "mentions", "2026-03-02 01:00:00.000", "1", "", "", "none"),
                        row("acme", "mentions", "2026-03-02 01:30:00.000", "1", "", "", "none"),
                        row("acme", "mentions", "2026-03-02 02:00:00.000", "3", "", "", "none"),
                        row("acme", "mentions", "2026-03-02 02:30:00.000", "3", "0.5", "0.5", "critical"),
                        row("acme", "mentions", "2026-03-02 03:00:00.000", "3", "2", "1", "none"),
                        row("acme", "mentions", "2026-03-02 03:30:00.000", "3", "1.333333", "1.247219", "warning"),
                        row("acme", "negative", "2026-03-02 00:30:00.000", "1", "", "", "none"),
                        row("acme", "negative", "2026-03-02 01:00:00.000", "1", "", "", "none"),
                        row("acme", "negative", "2026-03-02 01:30:00.000", "1", "", "", "none"),
                        row("acme", "negative", "2026-03-02 02:00:00.000", "1", "", "", "none"),
                        row("acme", "negative", "2026-03-02 02:30:00.000", "1", "1", "0", "none"),
                        row("acme", "negative", "2026-03-02 03:00:00.000", "1", "1", "0", "none"),
                        row("acme", "negative", "2026-03-02 03:30:00.000", "3", "1", "0", "critical"),
                        row("acme", "negative", "2026-03-02 04:00:00.000", "4", "1", "0", "critical"),
                        row("acme", "negative", "2026-03-02 04:30:00.000", "1", "1.666667", "0.942809", "none"),
                        row("acme", "questions", "2026-03-02 01:30:00.000", "1", "", "", "none"),
                        row("acme", "questions", "2026-03-02 02:00:00.000", "1", "", "", "none"),
                        row("acme", "spam", "2026-03-02 03:30:00.000", "4", "0", "0", "critical"),
                        row("acme", "spam", "2026-03-02 04:00:00.000", "4", "0", "0", "critical"),
                        row("globex", "negative", "2026-03-02 01:00:00.000", "2", "", "", "none"),
                        row("globex", "negative", "2026-03-02 01:30:00.000", "2", "", "", "none")));

        // alerts are decided as the windows close, in order: the late post rewrote the 04:00 row but no alert
        assertRows(
                stack.query(
                        "SELECT signal, severity, toString(starts_at), status, ifNull(toString(ends_at), ''), owner FROM sla_alerts FINAL "
                                + "WHERE alert_name = 'SmmPulseRiskSpike' AND community_id = 'acme' ORDER BY signal, severity, starts_at, status"),
                List.of(
                        row("mentions", "critical", "2026-03-02 02:30:00.000", "FIRING", "", "community-lead"),
                        row(
                                "mentions",
                                "critical",
                                "2026-03-02 02:30:00.000",
                                "RESOLVED",
                                "2026-03-02 03:00:00.000",
                                "community-lead"),
                        row("mentions", "warning", "2026-03-02 02:30:00.000", "FIRING", "", "community-lead"),
                        row(
                                "mentions",
                                "warning",
                                "2026-03-02 02:30:00.000",
                                "RESOLVED",
                                "2026-03-02 03:00:00.000",
                                "community-lead"),
                        row("mentions", "warning", "2026-03-02 03:30:00.000", "FIRING", "", "community-lead"),
                        row(
                                "mentions",
                                "warning",
                                "2026-03-02 03:30:00.000",
                                "RESOLVED",
                                "2026-03-02 04:00:00.000",
                                "community-lead"),
                        row("negative", "critical", "2026-03-02 03:30:00.000", "FIRING", "", "community-lead"),
                        row(
                                "negative",
                                "critical",
                                "2026-03-02 03:30:00.000",
                                "RESOLVED",
                                "2026-03-02 04:30:00.000",
                                "community-lead"),
                        row("negative", "warning", "2026-03-02 03:30:00.000", "FIRING", "", "community-lead"),
                        row(
                                "negative",
                                "warning",
                                "2026-03-02 03:30:00.000",
                                "RESOLVED",
                                "2026-03-02 04:30:00.000",
                                "community-lead"),
                        row("spam", "critical", "2026-03-02 03:30:00.000", "FIRING", "", "trust-and-safety"),
                        row(
                                "spam",
                                "critical",
                                "2026-03-02 03:30:00.000",
                                "RESOLVED",
                                "2026-03-02 04:30:00.000",
                                "trust-and-safety"),
                        row("spam", "warning", "2026-03-02 03:30:00.000", "FIRING", "", "trust-and-safety"),
                        row(
                                "spam",
                                "warning",
                                "2026-03-02 03:30:00.000",
                                "RESOLVED",
                                "2026-03-02 04:30:00.000",
                                "trust-and-safety")));
        assertRows(
                stack.query(
                        "SELECT count() FROM sla_alerts FINAL WHERE alert_name = 'SmmPulseRiskSpike' AND community_id = 'globex'"),
                List.of(row("0")));
    }
}
