package io.smmpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smmpulse.core.config.Communities;
import io.smmpulse.pipeline.KafkaTopics;
import io.smmpulse.pipeline.StreamingJob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The live job (Kafka source with live watermarks, parallelism 2, two partitions) deciding alerts on
 * event time: a backlog of two hours already on the topic when the job starts pages nobody for the
 * questions it answers in time, and afterwards a live question on an otherwise quiet topic gets its
 * at-risk warning and its breach within max_ingest_delay + 5 s of their instants, and never before
 * max_ingest_delay has passed.
 */
class LiveAlertsIT {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestStack.miniCluster();

    private static final Duration INGEST_DELAY = Duration.ofSeconds(2);

    /** DIRECT URGENT: 1 calendar minute, so the warning comes 48 s after the question. */
    private static final Communities COMMUNITIES = Communities.parse("""
            {"defaults": {"timezone": "UTC",
                          "sla": [{"channel": "*", "priority": "*", "first_response_minutes": 1, "business_hours": false}]}}
            """, "live-alerts-it");

    private static String question(String id, Instant at) {
        return """
                {"event_id": "%s", "event_type": "POST", "occurred_at": "%s", "platform": "x", "community_id": "acme", "actor_id": "m-%s", \
                "actor_role": "MEMBER", "content_id": "%s", "thread_id": "%s", "is_question": true, "channel": "DIRECT", "priority": "URGENT"}""".formatted("e-" + id, at, id, id, id);
    }

    private static String reply(String question, Instant at) {
        return """
                {"event_id": "%s", "event_type": "COMMENT", "occurred_at": "%s", "platform": "x", "community_id": "acme", "actor_id": "staff", \
                "actor_role": "STAFF", "content_id": "r-%s", "parent_id": "%s", "thread_id": "%s"}""".formatted("r-" + question, at, question, question, question);
    }

    private static String view(int n, Instant at) {
        return """
                {"event_id": "v%d", "event_type": "VIEW", "occurred_at": "%s", "platform": "x", "community_id": "acme", "actor_id": "m%d", \
                "actor_role": "MEMBER", "content_id": "p1"}""".formatted(n, at, n % 7);
    }

    @Test
    void aBacklogPagesNobodyAndAQuietLiveStreamFiresWithinSeconds() throws Exception {
        TestStack stack = TestStack.fresh("live_alerts");
        Instant start = Instant.now().minus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        List<String> backlog = new ArrayList<>();
        for (int minute = 0; minute < 110; minute++) {
            Instant asked = start.plus(Duration.ofMinutes(minute));
            backlog.add(question("b" + minute, asked));
            // every reply is in time (a few seconds before the deadline), some of them before the warning
            backlog.add(reply("b" + minute, asked.plusSeconds(minute % 2 == 0 ? 20 : 59)));
            backlog.add(view(minute, asked.plusSeconds(30)));
        }
        Instant late = start.plus(Duration.ofMinutes(110));
        backlog.add(question("late", late));
        backlog.add(reply("late", late.plusSeconds(60).plusMillis(1)));
        backlog.add(view(999, late.plusSeconds(120)));
        KafkaTopics.ensure(
                stack.deployment.kafkaBootstrap(),
                List.of(stack.deployment.topic(), stack.deployment.deadLetterTopic(), stack.deployment.alertTopic()));
        TestStack.publish(stack.deployment, backlog);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(500);
        StreamingJob.attach(
                env,
                stack.deployment.withMaxIngestDelay(INGEST_DELAY),
                COMMUNITIES,
                stack.checkpoints().resolve("clickhouse-spool"));
        JobClient job = env.executeAsync("live-alerts-it");
        try {
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> count(stack, "SELECT count() FROM fr_questions FINAL") == 111);
            // the one answered 1 ms late fires once and resolves once, and nothing else is decided before its reply is
            // read:
            // not even the warnings of the replies 59 s after their question (11 s after the warning instant)
            await().atMost(Duration.ofSeconds(30)).until(() -> alerts(stack, "").size() >= 2);
            assertThat(alerts(stack, ""))
                    .containsExactly("late/SmmPulseSlaBreached/FIRING", "late/SmmPulseSlaBreached/RESOLVED");

            // asked 40 s ago (within the hour of lateness): its warning (48 s) and deadline (60 s) are still ahead of
            // the clock, so both are decided live, without a minute's wait
            Instant asked = Instant.now().minusSeconds(40);
            TestStack.publish(stack.deployment, List.of(question("live", asked)));
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> alerts(stack, "AND question_id = 'live'").size() == 3);
            assertThat(alerts(stack, "AND question_id = 'live'"))
                    .containsExactly(
                            "live/SmmPulseSlaAtRisk/FIRING",
                            "live/SmmPulseSlaAtRisk/RESOLVED",
                            "live/SmmPulseSlaBreached/FIRING");
            long warningDelay = count(
                    stack,
                    "SELECT toUnixTimestamp64Milli(decided_at) - toUnixTimestamp64Milli(starts_at) FROM sla_alerts FINAL "
                            + "WHERE question_id = 'live' AND alert_name = 'SmmPulseSlaAtRisk' AND status = 'FIRING'");
            long breachDelay = count(
                    stack,
                    "SELECT toUnixTimestamp64Milli(decided_at) - toUnixTimestamp64Milli(deadline_at) FROM sla_alerts FINAL "
                            + "WHERE question_id = 'live' AND alert_name = 'SmmPulseSlaBreached' AND status = 'FIRING'");
            long allowed = INGEST_DELAY.toMillis() + 5_000L;
            assertThat(warningDelay)
                    .as("at-risk decided after the warning instant, ms")
                    .isBetween(INGEST_DELAY.toMillis(), allowed);
            assertThat(breachDelay)
                    .as("breach decided after the deadline, ms")
                    .isBetween(INGEST_DELAY.toMillis(), allowed);
        } finally {
            job.cancel().get();
        }
    }

    /** question/alert_name/status of the alert transitions, in the order of their instants. */
    private static List<String> alerts(TestStack stack, String filter) throws Exception {
        return stack
                .query("SELECT question_id, alert_name, status FROM sla_alerts FINAL WHERE 1 " + filter
                        + " ORDER BY question_id, starts_at, alert_name, status")
                .stream()
                .skip(1)
                .map(row -> row.get(0) + "/" + row.get(1) + "/" + row.get(2))
                .toList();
    }

    private static long count(TestStack stack, String sql) throws Exception {
        return Long.parseLong(stack.query(sql).get(1).get(0));
    }
}
