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
 * Community and content KPIs through the replay path at parallelism 2, with exact rows: spam by
 * stop word and by rate (the over-the-limit item arrives first and is revised), a helpful
 * reaction by the author (not counted), a view and a reaction delivered twice and one a week later by staff (counted in the item's
 * week), a user whose true first activity arrives after a later one, actions before their
 * post, a view exactly at published + 7 days (outside), a proposal that falls into April
 * in Berlin but not in UTC.
 */
class CommunityContentPipelineIT {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestStack.miniCluster();

    static TestStack stack;

    @BeforeAll
    static void replay() throws Exception {
        stack = TestStack.fresh("community");
        ReplayJob.Stats stats = stack.replay("community-input.jsonl");
        assertThat(stats.accepted()).isEqualTo(35);
        assertThat(stats.duplicates()).isEqualTo(2); // a view and a helpful reaction delivered twice
        assertThat(stats.late()).isZero();
    }

    @Test
    void ugcWeekly() throws Exception {
        assertRows(
                stack.query("SELECT * FROM kpi_ugc_weekly ORDER BY community_id, week_start"),
                List.of(
                        row("acme", "2026-03-02", "8", "3", "2", "0.25", "2"),
                        row("acme", "2026-03-09", "3", "2", "0", "0", "0")));
    }

    @Test
    void activityWeekly() throws Exception {
        assertRows(
                stack.query("SELECT * FROM kpi_activity_weekly ORDER BY community_id, week_start"),
                List.of(
                        row("acme", "2026-03-02", "8", "3", "1", "1", "0.375", "0.125", "0.125"),
                        row("acme", "2026-03-09", "3", "2", "0", "0", String.valueOf(2.0 / 3), "0", "0")));
    }

    @Test
    void retentionCohorts() throws Exception {
        assertRows(
                stack.query("SELECT * FROM kpi_retention_cohorts ORDER BY community_id, activity, cohort_day"),
                List.of(
                        row("acme", "EVENT", "2026-03-03", "1", "0", "0", "0", "0", "0", "0"),
                        row("acme", "THREAD", "2026-03-02", "2", "1", "0", "0", "2", "1", "0"),
                        row("acme", "THREAD", "2026-03-03", "1", "0", "0", "0", "0", "0", "0"),
                        row("acme", "THREAD", "2026-03-09", "1", "1", "0", "0", "1", "0", "0")));
    }

    @Test
    void contentPosts() throws Exception {
        assertRows(
                stack.query(
                        "SELECT community_id, post_id, toString(published_at), next_step, views, unique_viewers, saves, shares,"
                                + " faq_clicks, guide_clicks, viewers_7d, converters_7d, conversion_rate FROM kpi_content_posts ORDER BY post_id"),
                List.of(
                        row(
                                "acme",
                                "p1",
                                "2026-03-02 09:00:00.000",
                                "POLL",
                                "3",
                                "2",
                                "1",
                                "1",
                                "0",
                                "0",
                                "1",
                                "1",
                                "1"),
                        row(
                                "acme",
                                "p2",
                                "2026-03-03 09:00:00.000",
                                "FAQ",
                                "1",
                                "1",
                                "0",
                                "0",
                                "1",
                                "1",
                                "1",
                                "1",
                                "1"),
                        row(
                                "acme",
                                "p3",
                                "2026-03-10 08:00:00.000",
                                null,
                                "0",
                                "0",
                                "0",
                                "0",
                                "0",
                                "0",
                                "0",
                                "0",
                                null)));
    }

    @Test
    void nextStepWeekly() throws Exception {
        assertRows(
                stack.query("SELECT * FROM kpi_next_step_weekly ORDER BY community_id, week_start"),
                List.of(
                        row("acme", "2026-03-02", "2", "2", "1", "2", "2", "1"),
                        row("acme", "2026-03-09", "1", "0", "0", "0", "0", null)));
    }

    @Test
    void proposalsMonthly() throws Exception {
        assertRows(
                stack.query("SELECT * FROM kpi_proposals_monthly ORDER BY community_id, month"),
                List.of(row("acme", "2026-03-01", "1", "1", "0"), row("acme", "2026-04-01", "1", "0", "1")));
    }

    @Test
    void utmTagsStayInEventsForDrillDown() throws Exception {
        assertRows(
                stack.query(
                        "SELECT content_id, link_target, utm_source, utm_campaign FROM events FINAL WHERE utm_campaign IS NOT NULL"),
                List.of(row("p2", "FAQ", "facebook", "spring")));
    }
}
