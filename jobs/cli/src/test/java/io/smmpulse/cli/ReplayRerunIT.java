package io.smmpulse.cli;

import static io.smmpulse.cli.ExpectedRows.assertRows;
import static io.smmpulse.cli.ExpectedRows.row;

import io.smmpulse.core.config.Communities;
import io.smmpulse.pipeline.replay.ReplayJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** docs/storage.md: replaying a corrected file into a database that holds results replaces them; the latest run wins. */
class ReplayRerunIT {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestStack.miniCluster();

    private static final String QUESTION =
            "{\"event_id\": \"r1\", \"event_type\": \"POST\", \"occurred_at\": \"2026-03-02T09:00:00Z\","
                    + " \"platform\": \"facebook\", \"community_id\": \"acme\", \"actor_id\": \"m1\", \"actor_role\": \"MEMBER\","
                    + " \"content_id\": \"q1\", \"thread_id\": \"q1\", \"is_question\": true}";
    private static final String POST =
            "{\"event_id\": \"r2\", \"event_type\": \"POST\", \"occurred_at\": \"2026-03-02T09:05:00Z\","
                    + " \"platform\": \"facebook\", \"community_id\": \"acme\", \"actor_id\": \"s1\", \"actor_role\": \"STAFF\","
                    + " \"content_id\": \"p1\", \"thread_id\": \"p1\", \"next_step\": \"POLL\"}";

    private static String reply(String at) {
        return "{\"event_id\": \"r3\", \"event_type\": \"COMMENT\", \"occurred_at\": \"" + at
                + "\", \"platform\": \"facebook\","
                + " \"community_id\": \"acme\", \"actor_id\": \"s1\", \"actor_role\": \"STAFF\", \"content_id\": \"a1\","
                + " \"parent_id\": \"q1\", \"thread_id\": \"q1\"}";
    }

    private static String onThePoll(String type) {
        return "{\"event_id\": \"r4\", \"event_type\": \"" + type
                + "\", \"occurred_at\": \"2026-03-02T10:00:00Z\", \"platform\": \"facebook\","
                + " \"community_id\": \"acme\", \"actor_id\": \"m2\", \"actor_role\": \"MEMBER\", \"content_id\": \"p1\"}";
    }

    @Test
    void aCorrectedReplayReplacesTheResultsOfTheFirst(@TempDir Path dir) throws Exception {
        TestStack stack = TestStack.fresh("rerun");
        Communities communities = Communities.load(EscalationPipelineIT.resource("pipeline-communities.json"));
        Path first = Files.write(
                dir.resolve("first.jsonl"), List.of(QUESTION, POST, onThePoll("VIEW"), reply("2026-03-02T12:30:00Z")));
        ReplayJob.replay(first, communities, stack.deployment);
        assertRows(
                stack.query("SELECT answered_within_sla, breached FROM kpi_first_response_daily"),
                List.of(row("0", "1")));
        assertRows(stack.query("SELECT views, converters_7d FROM kpi_content_posts"), List.of(row("1", "0")));

        Path corrected = Files.write(
                dir.resolve("corrected.jsonl"),
                List.of(QUESTION, POST, onThePoll("VOTE"), reply("2026-03-02T09:30:00Z")));
        ReplayJob.replay(corrected, communities, stack.deployment);
        assertRows(
                stack.query("SELECT answered_within_sla, breached, frt_avg_s FROM kpi_first_response_daily"),
                List.of(row("1", "0", "1800")));
        assertRows(stack.query("SELECT count() FROM kpi_sla_breaches"), List.of(row("0")));
        assertRows(stack.query("SELECT views, converters_7d FROM kpi_content_posts"), List.of(row("0", "1")));
        assertRows(stack.query("SELECT event_type FROM events FINAL WHERE event_id = 'r4'"), List.of(row("VOTE")));
    }
}
