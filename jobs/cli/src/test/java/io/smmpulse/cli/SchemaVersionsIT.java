package io.smmpulse.cli;

import static io.smmpulse.cli.ExpectedRows.assertRows;
import static io.smmpulse.cli.ExpectedRows.row;

import io.smmpulse.core.TestEvents;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.core.event.EventCodec;
import io.smmpulse.core.ingest.IngestTopology;
import io.smmpulse.generator.KafkaPublisher;
import io.smmpulse.pipeline.KafkaTopics;
import io.smmpulse.pipeline.PulsePipeline;
import io.smmpulse.pipeline.Sources;
import io.smmpulse.schema.ActorRole;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.Sentiment;
import io.smmpulse.schema.SocialEvent;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Producers on schema v1 and on v2 share one topic: the job reads both writers and every event counts. */
class SchemaVersionsIT {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestStack.miniCluster();

    @Test
    void v1AndV2WritersInOneTopicBothCount() throws Exception {
        TestStack stack = TestStack.fresh("schemas");
        SocialEvent question = TestEvents.question(
                "v1-q",
                "q1",
                "2026-03-02T09:00:00Z",
                "acme",
                "x",
                io.smmpulse.schema.Channel.PUBLIC,
                io.smmpulse.schema.Priority.NORMAL);
        SocialEvent reply = TestEvents.reply("v2-r", "q1", "2026-03-02T09:30:00Z", "acme", "x", ActorRole.STAFF);
        SocialEvent view = TestEvents.event(
                        "v1-v", EventType.VIEW, "2026-03-02T09:40:00Z", "acme", "x", "m2", ActorRole.MEMBER)
                .setContentId("q1")
                .build();
        SocialEvent follow = TestEvents.event(
                        "v2-f", EventType.FOLLOW, "2026-03-02T09:50:00Z", "acme", "x", "m3", ActorRole.MEMBER)
                .setSentiment(Sentiment.POSITIVE)
                .build();
        try (KafkaPublisher publisher = new KafkaPublisher(
                stack.deployment.kafkaBootstrap(), stack.deployment.topic(), stack.deployment.deadLetterTopic())) {
            KafkaTopics.ensure(stack.deployment.kafkaBootstrap(), List.of(stack.deployment.topic()));
            publisher.publishRaw(TestEvents.encodedWithSchemaVersion(1, question));
            publisher.publishRaw(EventCodec.encode(reply));
            publisher.publishRaw(TestEvents.encodedWithSchemaVersion(1, view));
            publisher.publishRaw(EventCodec.encode(follow));
            publisher.flush();
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(500);
        EventTimeSettings settings = EventTimeSettings.replay(TestEvents.at("2026-03-02T09:50:00Z"));
        PulsePipeline.attach(
                Sources.kafkaToItsEnd(
                        env,
                        stack.deployment,
                        "it-" + stack.deployment.topic(),
                        IngestTopology.replayWatermarks(settings)),
                Communities.load(EscalationPipelineIT.resource("pipeline-communities.json")),
                settings,
                PulsePipeline.clickHouse(
                        stack.deployment.clickHouse(), stack.checkpoints().resolve("clickhouse-spool")));
        env.execute("schema-versions-it");

        assertRows(stack.query("SELECT count() FROM rejected_events"), List.of(row("0")));
        assertRows(
                stack.query("SELECT event_id, event_type, sentiment FROM events FINAL ORDER BY event_id"),
                List.of(
                        row("v1-q", "POST", null),
                        row("v1-v", "VIEW", null),
                        row("v2-f", "FOLLOW", "POSITIVE"),
                        row("v2-r", "COMMENT", null)));
        assertRows(
                stack.query("SELECT questions, answered, answered_within_sla, frt_avg_s FROM kpi_first_response_daily"),
                List.of(row("1", "1", "1", "1800")));
    }
}
