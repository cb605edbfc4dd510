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
 * Every next-step kind with conversions (docs/kpis.md, "Content and next step"), through the
 * replay path at parallelism 2: POLL (a vote at exactly published + 168 h is outside), FORM (a
 * submitter who did not view), EVENT (one member signing up twice), FAQ (a GUIDE click on it is no
 * conversion), GUIDE, THREAD (members' comments anywhere in the thread, an EXPERT's nested reply
 * included; staff and spam comments and one at exactly + 168 h not; one a millisecond before).
 */
class NextStepPipelineIT {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestStack.miniCluster();

    static TestStack stack;

    @BeforeAll
    static void replay() throws Exception {
        stack = TestStack.fresh("nextstep");
        ReplayJob.Stats stats = stack.replay("next-step-input.jsonl");
        assertThat(stats.accepted()).isEqualTo(32);
        assertThat(stats.late()).isZero();
    }

    @Test
    void contentPostsConvertForEveryKindOfNextStep() throws Exception {
        assertRows(
                stack.query(
                        "SELECT post_id, toString(published_at), next_step, views, unique_viewers, faq_clicks, guide_clicks,"
                                + " viewers_7d, converters_7d, conversion_rate FROM kpi_content_posts ORDER BY post_id"),
                List.of(
                        row(
                                "event",
                                "2026-03-03 11:00:00.000",
                                "EVENT",
                                "3",
                                "3",
                                "0",
                                "0",
                                "3",
                                "1",
                                String.valueOf(1.0 / 3)),
                        row("faq", "2026-03-03 12:00:00.000", "FAQ", "1", "1", "1", "1", "1", "1", "1"),
                        row("form", "2026-03-03 10:00:00.000", "FORM", "1", "1", "0", "0", "1", "2", "2"),
                        row("guide", "2026-03-03 13:00:00.000", "GUIDE", "1", "1", "0", "1", "1", "1", "1"),
                        row("poll", "2026-03-03 09:00:00.000", "POLL", "2", "2", "0", "0", "2", "1", "0.5"),
                        row("thread", "2026-03-03 14:00:00.000", "THREAD", "2", "2", "0", "0", "2", "3", "1.5")));
    }

    @Test
    void nextStepWeeklySumsTheWeeksPosts() throws Exception {
        assertRows(
                stack.query("SELECT * FROM kpi_next_step_weekly ORDER BY community_id, week_start"),
                List.of(row("acme", "2026-03-02", "6", "6", "1", "10", "9", "0.9")));
    }
}
