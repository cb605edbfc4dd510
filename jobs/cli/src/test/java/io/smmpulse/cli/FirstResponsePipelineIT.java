package io.smmpulse.cli;

import static io.smmpulse.cli.ExpectedRows.assertRows;
import static io.smmpulse.cli.ExpectedRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.core.ingest.IngestTopology;
import io.smmpulse.pipeline.PulsePipeline;
import io.smmpulse.pipeline.Sources;
import io.smmpulse.pipeline.replay.ReplayJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole path on a real Kafka broker and the local ClickHouse, at parallelism 2, with a
 * hand-made input covering: replies before their question (out of order, late but allowed),
 * bot and member replies, duplicates, a reply exactly at and 1 ms after the deadline, an
 * overnight deadline, a holiday, a spam question (stop word), a calendar-time rule, an offset timestamp, an UNKNOWN symbol,
 * an event later than the allowed lateness, malformed lines, and an idle source subtask.
 */
class FirstResponsePipelineIT {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestStack.miniCluster();

    static final Path INPUT = resource("pipeline-input.jsonl");
    static final Communities COMMUNITIES = Communities.load(resource("pipeline-communities.json"));
    static final long REPLAY_CLOCK = Instant.parse("2026-03-04T18:00:00Z").toEpochMilli();

    static final List<List<String>> DAILY = List.of(
            row(
                    "acme",
                    "facebook",
                    "PUBLIC",
                    "2026-03-02",
                    "3",
                    "3",
                    "2",
                    "1",
                    "0",
                    String.valueOf(2.0 / 3),
                    String.valueOf(70200.001 / 3),
                    "7200.001",
                    "50400.0002",
                    String.valueOf(16200.001 / 3),
                    "7200",
                    "7200.0008"),
            row(
                    "acme",
                    "facebook",
                    "PUBLIC",
                    "2026-03-03",
                    "2",
                    "2",
                    "2",
                    "0",
                    "0",
                    "1",
                    "900",
                    "900",
                    "1140",
                    "900",
                    "900",
                    "1140"),
            row(
                    "acme",
                    "instagram",
                    "DIRECT",
                    "2026-03-03",
                    "1",
                    "0",
                    "0",
                    "1",
                    "0",
                    "0",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null),
            row(
                    "acme",
                    "instagram",
                    "PUBLIC",
                    "2026-03-03",
                    "1",
                    "0",
                    "0",
                    "0",
                    "1",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null),
            row(
                    "globex",
                    "x",
                    "MENTION",
                    "2026-03-04",
                    "1",
                    "0",
                    "0",
                    "0",
                    "1",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null),
            row(
                    "globex",
                    "x",
                    "PUBLIC",
                    "2026-03-04",
                    "1",
                    "1",
                    "1",
                    "0",
                    "0",
                    "1",
                    "2700",
                    "2700",
                    "2700",
                    "2700",
                    "2700",
                    "2700"));

    static final List<List<String>> BREACHES = List.of(
            row(
                    "q3",
                    "acme",
                    "facebook",
                    "PUBLIC",
                    "NORMAL",
                    "2026-03-02 12:00:00.000",
                    "2026-03-02 14:00:00.000",
                    "2026-03-02 14:00:00.001"),
            row(
                    "q4",
                    "acme",
                    "instagram",
                    "DIRECT",
                    "URGENT",
                    "2026-03-03 20:00:00.000",
                    "2026-03-03 20:15:00.000",
                    null));

    @Test
    void replayOfAJsonLinesFileFillsTheViewsExactly() throws Exception {
        TestStack stack = TestStack.fresh("replay");
        ReplayJob.Stats stats = ReplayJob.replay(INPUT, COMMUNITIES, stack.deployment);

        assertThat(stats.read()).isEqualTo(28);
        assertThat(stats.accepted()).isEqualTo(20);
        assertThat(stats.duplicates()).isEqualTo(2);
        assertThat(stats.rejected()).isEqualTo(5);
        assertThat(stats.late()).isEqualTo(1);
        assertViews(stack);
        assertRows(
                stack.query(
                        "SELECT rejection_id, replaceRegexpOne(reason, 'wall clock \\\\(.*\\\\)$', 'wall clock (now)')"
                                + " FROM rejected_events FINAL ORDER BY rejection_id"),
                List.of(
                        row(
                                "file:pipeline-input.jsonl:24",
                                "not valid JSON: Unexpected end-of-input: expected close marker for Object (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])"),
                        row("file:pipeline-input.jsonl:25", "missing required field actor_id"),
                        row("file:pipeline-input.jsonl:26", "POST without content_id"),
                        row(
                                "file:pipeline-input.jsonl:27",
                                "event_type \"TELEPORT\" is not one of POST, COMMENT, REACTION, VOTE, SHARE, SAVE, VIEW, LINK_CLICK, FORM_SUBMIT, EVENT_SIGNUP, CASE_ESCALATED, CASE_RESOLVED, PROPOSAL_SUBMITTED, PROPOSAL_ACCEPTED, PROPOSAL_IMPLEMENTED, FOLLOW, UNFOLLOW, UNKNOWN"),
                        row(
                                "file:pipeline-input.jsonl:28",
                                "occurred_at 2099-01-01T00:00:00Z is more than 24 h after the wall clock (now)")));
    }

    @Test
    void kafkaTopicThroughThePipelineFillsTheViewsExactly() throws Exception {
        TestStack stack = TestStack.fresh("kafka");
        List<String> lines = Files.readAllLines(INPUT);
        createTopic(stack, 1); // one partition: the second source subtask stays idle
        TestStack.publish(stack.deployment, lines);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(500);
        EventTimeSettings settings = EventTimeSettings.replay(REPLAY_CLOCK);
        PulsePipeline.attach(
                Sources.kafkaToItsEnd(
                        env,
                        stack.deployment,
                        "it-" + stack.deployment.topic(),
                        IngestTopology.replayWatermarks(settings)),
                COMMUNITIES,
                settings,
                PulsePipeline.clickHouse(
                        stack.deployment.clickHouse(), stack.checkpoints().resolve("clickhouse-spool")));
        env.execute("first-response-kafka-it");

        assertViews(stack);
        List<List<String>> rejected = stack.query(
                "SELECT rejection_id, reason FROM rejected_events FINAL ORDER BY toUInt32(splitByChar(':', rejection_id)[4])");
        assertThat(rejected.subList(1, rejected.size()))
                .extracting(r -> r.get(0))
                .containsExactly(
                        "kafka:" + stack.deployment.topic() + ":0:23",
                        "kafka:" + stack.deployment.topic() + ":0:24",
                        "kafka:" + stack.deployment.topic() + ":0:25",
                        "kafka:" + stack.deployment.topic() + ":0:26",
                        "kafka:" + stack.deployment.topic() + ":0:27");
        assertThat(rejected.subList(1, rejected.size()))
                .extracting(r -> r.get(1))
                .allMatch(reason -> reason.startsWith("not Avro single-object encoding"));
    }

    private static void assertViews(TestStack stack) throws Exception {
        assertRows(
                stack.query("SELECT * FROM kpi_first_response_daily ORDER BY community_id, platform, channel, day"),
                DAILY);
        assertRows(
                stack.query(
                        "SELECT question_id, community_id, platform, channel, priority, toString(asked_at), toString(deadline_at),"
                                + " toString(responded_at) FROM kpi_sla_breaches ORDER BY question_id"),
                BREACHES);
        assertRows(stack.query("SELECT event_id FROM late_events FINAL"), List.of(row("e20")));
        assertRows(
                stack.query("SELECT count(), countIf(event_type = 'UNKNOWN') FROM events FINAL"),
                List.of(row("20", "1")));
    }

    private static void createTopic(TestStack stack, int partitions) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.deployment.kafkaBootstrap());
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(stack.deployment.topic(), partitions, (short) 1)))
                    .all()
                    .get();
        }
    }

    private static Path resource(String name) {
        try {
            return Paths.get(
                    FirstResponsePipelineIT.class.getResource("/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
