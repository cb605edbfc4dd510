package io.smmpulse.cli;

import static io.smmpulse.cli.ExpectedRows.assertRows;
import static io.smmpulse.cli.ExpectedRows.row;

import io.smmpulse.core.config.Communities;
import io.smmpulse.pipeline.replay.ReplayJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kpi_open_questions (docs/kpis.md): unanswered, unbreached questions at the clock with their warning
 * instant (0.8 of the rule's time) and deadline; at risk once the job's clock reaches the warning.
 * After a replay that clock is the replay clock, also for data three months old, where the wall
 * clock would call every open question at risk. acme's DIRECT URGENT rule: 15 calendar minutes, so
 * the warning comes after 12.
 */
class OpenQuestionsIT {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestStack.miniCluster();

    private static String question(String id, Instant at) {
        return "{\"event_id\": \"" + id + "\", \"event_type\": \"POST\", \"occurred_at\": \"" + at
                + "\", \"platform\": \"x\","
                + " \"community_id\": \"acme\", \"actor_id\": \"m-" + id
                + "\", \"actor_role\": \"MEMBER\", \"content_id\": \"" + id + "\","
                + " \"is_question\": true, \"channel\": \"DIRECT\", \"priority\": \"URGENT\"}";
    }

    @ParameterizedTest(name = "data {0} days old")
    @ValueSource(ints = {0, 90})
    void openQuestionsWithTheirWarningAndWhetherTheyAreAtRiskAtTheReplayClock(int daysOld, @TempDir Path dir)
            throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(daysOld));
        Instant risky = now.minus(Duration.ofMinutes(13));
        Instant calm = now.minus(Duration.ofMinutes(5));
        Path input = Files.write(
                dir.resolve("open.jsonl"),
                List.of(
                        question("q-breached", now.minus(Duration.ofMinutes(40))),
                        question("q-answered", now.minus(Duration.ofMinutes(10))),
                        "{\"event_id\": \"r1\", \"event_type\": \"COMMENT\", \"occurred_at\": \""
                                + now.minus(Duration.ofMinutes(9)) + "\","
                                + " \"platform\": \"x\", \"community_id\": \"acme\", \"actor_id\": \"s1\", \"actor_role\": \"STAFF\","
                                + " \"content_id\": \"a1\", \"parent_id\": \"q-answered\"}",
                        question("q-risky", risky),
                        question("q-calm", calm),
                        "{\"event_id\": \"v1\", \"event_type\": \"VIEW\", \"occurred_at\": \""
                                + now.minus(Duration.ofMinutes(1)) + "\","
                                + " \"platform\": \"x\", \"community_id\": \"acme\", \"actor_id\": \"m9\", \"actor_role\": \"MEMBER\", \"content_id\": \"p1\"}"));
        TestStack stack = TestStack.fresh("open");
        ReplayJob.replay(
                input, Communities.load(EscalationPipelineIT.resource("pipeline-communities.json")), stack.deployment);
        assertRows(
                stack.query(
                        "SELECT question_id, toUnixTimestamp64Milli(warning_at), toUnixTimestamp64Milli(deadline_at), at_risk"
                                + " FROM kpi_open_questions ORDER BY question_id"),
                List.of(
                        row(
                                "q-calm",
                                String.valueOf(calm.plus(Duration.ofMinutes(12)).toEpochMilli()),
                                String.valueOf(calm.plus(Duration.ofMinutes(15)).toEpochMilli()),
                                "0"),
                        row(
                                "q-risky",
                                String.valueOf(
                                        risky.plus(Duration.ofMinutes(12)).toEpochMilli()),
                                String.valueOf(
                                        risky.plus(Duration.ofMinutes(15)).toEpochMilli()),
                                "1")));
        assertRows(stack.query("SELECT question_id FROM kpi_sla_breaches"), List.of(row("q-breached")));
        assertRows(
                stack.query("SELECT toUnixTimestamp64Milli(clock) FROM kpi_clock"),
                List.of(row(String.valueOf(now.minus(Duration.ofMinutes(1)).toEpochMilli()))));
    }
}
