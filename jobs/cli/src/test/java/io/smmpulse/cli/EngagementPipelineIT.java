package io.smmpulse.cli;

import static io.smmpulse.cli.ExpectedRows.assertRows;
import static io.smmpulse.cli.ExpectedRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.pipeline.replay.ReplayJob;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/kpis.md engagement, responders, campaigns and funnels through the replay path at
 * parallelism 2 (acme is in Europe/Berlin): members only (staff and bot events aside), a spam
 * comment aside, CTR and engagement with zero views (NULL), an event at 23:30 UTC on the next local
 * day; a responder answering late, two replies at the same millisecond (the smaller event_id
 * answers), a response on the local day after the question; clicks without a source (''), a
 * conversion at exactly click + 168 h (excluded); funnel steps out of order and a last step at
 * exactly the window's end (excluded); sentiment scored upstream (a NEUTRAL item with a negative word
 * stays neutral) or by the negative words.
 */
class EngagementPipelineIT {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestStack.miniCluster();

    static TestStack stack;

    @BeforeAll
    static void replay() throws Exception {
        stack = TestStack.fresh("engagement");
        ReplayJob.Stats stats = stack.replay("engagement-input.jsonl");
        assertThat(stats.accepted()).isEqualTo(39);
        assertThat(stats.late()).isZero();
    }

    @Test
    void engagementPerPlatformAndLocalDay() throws Exception {
        assertRows(
                stack.query("SELECT * FROM kpi_engagement_daily ORDER BY community_id, platform, day"),
                List.of(
                        row(
                                "acme",
                                "facebook",
                                "2026-03-02",
                                "3",
                                "2",
                                "1",
                                "1",
                                "1",
                                "1",
                                "2",
                                "2",
                                "1",
                                "1",
                                String.valueOf(2.0 / 3),
                                "2"),
                        row(
                                "acme",
                                "facebook",
                                "2026-03-03",
                                "1",
                                "1",
                                "0",
                                "0",
                                "0",
                                "0",
                                "0",
                                "0",
                                "0",
                                "0",
                                "0",
                                "0"),
                        row(
                                "acme",
                                "instagram",
                                "2026-03-02",
                                "0",
                                "0",
                                "0",
                                "0",
                                "0",
                                "0",
                                "0",
                                "1",
                                "0",
                                "1",
                                null,
                                null),
                        row("acme", "x", "2026-03-02", "1", "1", "0", "0", "0", "0", "5", "0", "0", "0", "5", "5"),
                        row("acme", "x", "2026-03-03", "1", "1", "0", "0", "0", "0", "1", "0", "0", "0", "1", "1")));
    }

    /** Upstream sentiment first; unscored items by the community's negative words; spam and staff aside. */
    @Test
    void sentimentOfUgcItemsPerPlatformAndDay() throws Exception {
        assertRows(
                stack.query("SELECT * FROM kpi_sentiment_daily ORDER BY community_id, platform, day"),
                List.of(row("acme", "facebook", "2026-03-02", "5", "2", "1", "0.4")));
    }

    @Test
    void respondersPerLocalDayOfTheResponse() throws Exception {
        assertRows(
                stack.query("SELECT * FROM kpi_responders_daily ORDER BY community_id, responder_id, day"),
                List.of(
                        row("acme", "anna", "2026-03-02", "2", "1", "1", "0.5", "6300", "6300", "6300", "6300"),
                        row("acme", "anna", "2026-03-03", "1", "1", "0", "1", "1200", "1200", "0", "0"),
                        row("acme", "cleo", "2026-03-02", "1", "1", "0", "1", "900", "900", "900", "900")));
    }

    @Test
    void campaignsWithConversionsInsideSevenDaysOfAClick() throws Exception {
        assertRows(
                stack.query("SELECT * FROM kpi_campaigns_daily ORDER BY community_id, utm_source, utm_campaign, day"),
                List.of(
                        row("acme", "", "spring", "2026-03-02", "1", "1", "0"),
                        row("acme", "fb", "spring", "2026-03-02", "4", "3", "1")));
    }

    @Test
    void funnelUsersPerStepAndWeek() throws Exception {
        assertRows(
                stack.query("SELECT * FROM kpi_funnel_weekly ORDER BY community_id, funnel, week_start, step"),
                List.of(
                        row("acme", "guide-to-form", "2026-03-02", "1", "2"),
                        row("acme", "guide-to-form", "2026-03-02", "2", "1"),
                        row("acme", "view-click-signup", "2026-03-02", "1", "5"),
                        row("acme", "view-click-signup", "2026-03-02", "2", "4"),
                        row("acme", "view-click-signup", "2026-03-02", "3", "1")));
    }
}
