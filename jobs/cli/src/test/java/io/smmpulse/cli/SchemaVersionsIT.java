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
        SocialEvent question = question("v1-q");
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

        readToItsEnd(stack, stack.deployment, "2026-03-02T09:50:00Z");

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

    /**
     * Producers with a schema registry's serializer (byte 0 and the schema's 4-byte id) beside
     * single-object encoding: the job asks the registry's Confluent-compatible API for each writer
     * schema once; an id the registry does not know goes to the dead letters with the reason.
     */
    @Test
    void recordsInARegistryWireFormatAreReadWithTheirWriterSchema() throws Exception {
        TestStack stack = TestStack.fresh("registry");
        java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer registry =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        java.util.Map<String, org.apache.avro.Schema> schemas = java.util.Map.of(
                "11", io.smmpulse.core.event.SchemaHistory.socialEvent().get(0),
                "12", SocialEvent.getClassSchema());
        registry.createContext("/apis/ccompat/v7/schemas/ids/", exchange -> {
            String id = exchange.getRequestURI().getPath().replaceAll(".*/", "");
            asked.add(id);
            org.apache.avro.Schema schema = schemas.get(id);
            byte[] body = (schema == null
                            ? "{\"error_code\":40403,\"message\":\"Schema not found\"}"
                            : new com.fasterxml.jackson.databind.ObjectMapper()
                                    .writeValueAsString(java.util.Map.of("schema", schema.toString())))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(schema == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        registry.start();
        try {
            SocialEvent question = question("reg-q");
            SocialEvent reply = TestEvents.reply("reg-r", "q1", "2026-03-02T09:30:00Z", "acme", "x", ActorRole.STAFF);
            SocialEvent view = TestEvents.event(
                            "so-v", EventType.VIEW, "2026-03-02T09:40:00Z", "acme", "x", "m2", ActorRole.MEMBER)
                    .setContentId("q1")
                    .build();
            SocialEvent unknown = TestEvents.event(
                            "reg-u", EventType.FOLLOW, "2026-03-02T09:45:00Z", "acme", "x", "m3", ActorRole.MEMBER)
                    .build();
            try (KafkaPublisher publisher = new KafkaPublisher(
                    stack.deployment.kafkaBootstrap(), stack.deployment.topic(), stack.deployment.deadLetterTopic())) {
                KafkaTopics.ensure(stack.deployment.kafkaBootstrap(), List.of(stack.deployment.topic()));
                publisher.publishRaw(TestEvents.inRegistryFormat(11, 1, question));
                publisher.publishRaw(TestEvents.inRegistryFormat(12, 2, reply));
                publisher.publishRaw(EventCodec.encode(view));
                publisher.publishRaw(TestEvents.inRegistryFormat(13, 2, unknown));
                publisher.publishRaw(TestEvents.inRegistryFormat(11, 1, question));
                publisher.flush();
            }

            readToItsEnd(
                    stack,
                    stack.deployment.withSchemaRegistry(
                            "http://127.0.0.1:" + registry.getAddress().getPort() + "/apis/ccompat/v7"),
                    "2026-03-02T09:45:00Z");

            assertRows(
                    stack.query("SELECT event_id, event_type FROM events FINAL ORDER BY event_id"),
                    List.of(row("reg-q", "POST"), row("reg-r", "COMMENT"), row("so-v", "VIEW")));
            assertRows(
                    stack.query("SELECT reason FROM rejected_events"),
                    List.of(row("unknown schema id 13 at the schema registry")));
            assertRows(
                    stack.query("SELECT questions, answered, frt_avg_s FROM kpi_first_response_daily"),
                    List.of(row("1", "1", "1800")));
            // each id once per reading subtask at most: the schemas are kept
            org.assertj.core.api.Assertions.assertThat(
                            asked.stream().filter("11"::equals).count())
                    .isBetween(1L, 2L);
        } finally {
            registry.stop(0);
        }
    }

    /** Question q1 of acme, public and normal, at 09:00 on 2 March 2026: what each test here answers. */
    static SocialEvent question(String eventId) {
        return TestEvents.question(
                eventId,
                "q1",
                "2026-03-02T09:00:00Z",
                "acme",
                "x",
                io.smmpulse.schema.Channel.PUBLIC,
                io.smmpulse.schema.Priority.NORMAL);
    }

    /** The whole pipeline over the stack's topic up to its end, clocked at {@code clock}, into the stack's database. */
    static void readToItsEnd(TestStack stack, io.smmpulse.core.config.Deployment deployment, String clock)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(500);
        EventTimeSettings settings = EventTimeSettings.replay(TestEvents.at(clock));
        PulsePipeline.attach(
                Sources.kafkaToItsEnd(
                        env, deployment, "it-" + deployment.topic(), IngestTopology.replayWatermarks(settings)),
                Communities.load(EscalationPipelineIT.resource("pipeline-communities.json")),
                settings,
                PulsePipeline.clickHouse(
                        deployment.clickHouse(), stack.checkpoints().resolve("clickhouse-spool")));
        env.execute("schema-versions-it");
    }
}
