package io.smmpulse.cli;

import static io.smmpulse.cli.ExpectedRows.assertRows;
import static io.smmpulse.cli.ExpectedRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.dispatcher.AlertDispatcher;
import io.smmpulse.pipeline.KafkaTopics;
import io.smmpulse.pipeline.PulsePipeline;
import io.smmpulse.pipeline.Sources;
import io.smmpulse.pipeline.StreamingJob;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SLA alerts from the pipeline to the real Kafka topic (transactional) and from there to real
 * HTTP receivers: one that accepts, one that always fails.
 */
class AlertsIT {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestStack.miniCluster();

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private final List<AlertDispatcher> dispatchers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        dispatchers.forEach(AlertDispatcher::stop);
        servers.forEach(s -> s.stop(0));
    }

    @Test
    void eachAlertReachesKafkaAndTheWebhookOnceAndFailuresAreRecorded() throws Exception {
        TestStack stack = TestStack.fresh("alerts");
        KafkaTopics.ensure(stack.deployment.kafkaBootstrap(), List.of(stack.deployment.alertTopic()));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(500);
        EventTimeSettings settings = EventTimeSettings.replay(FirstResponsePipelineIT.REPLAY_CLOCK);
        PulsePipeline.Results results = PulsePipeline.attach(
                Sources.jsonLinesFile(env, FirstResponsePipelineIT.INPUT, settings),
                FirstResponsePipelineIT.COMMUNITIES,
                settings,
                PulsePipeline.clickHouse(
                        stack.deployment.clickHouse(), stack.checkpoints().resolve("clickhouse-spool")));
        StreamingJob.alertsToKafka(results.alerts(), stack.deployment);
        env.execute("alerts-it");

        assertThat(TestStack.committedValues(stack.deployment, stack.deployment.alertTopic()))
                .hasSize(3);
        assertRows(
                stack.query("SELECT alert_id FROM sla_alerts FINAL ORDER BY alert_id"),
                List.of(
                        row("acme/facebook/q3/FIRING"),
                        row("acme/facebook/q3/RESOLVED"),
                        row("acme/instagram/q4/FIRING")));

        List<JsonNode> received = new CopyOnWriteArrayList<>();
        URI good = receiver(200, received, new AtomicInteger());
        authorizations.clear();
        AtomicInteger failingCalls = new AtomicInteger();
        URI failing = receiver(500, new CopyOnWriteArrayList<>(), failingCalls);
        dispatch(stack, good, 3, 20, "Bearer t0k3n", null);
        // a second receiver of the same alerts: a consumer group of its own
        dispatch(stack, failing, 3, 20, null, "failing-receiver");

        await().atMost(Duration.ofSeconds(60)).until(() -> received.size() >= 3 && groupCaughtUp(stack, good));
        assertThat(received).hasSize(3);
        assertThat(authorizations).isNotEmpty().containsOnly("Bearer t0k3n");
        Map<String, JsonNode> byKey = received.stream()
                .collect(Collectors.toMap(
                        a -> a.get("labels").get("question_id").asText() + "/"
                                + (Instant.parse(a.get("endsAt").asText()).isAfter(Instant.now())
                                        ? "firing"
                                        : "resolved"),
                        a -> a));
        // Alertmanager's postable alert: nothing it does not define
        received.forEach(a -> assertThat(a.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("labels", "annotations", "startsAt", "endsAt", "generatorURL"));
        assertThat(byKey).containsOnlyKeys("q3/firing", "q3/resolved", "q4/firing");
        JsonNode q4 = byKey.get("q4/firing");
        assertThat(q4.get("labels").get("alertname").asText()).isEqualTo("SmmPulseSlaBreached");
        assertThat(q4.get("labels").get("severity").asText()).isEqualTo("critical");
        assertThat(q4.get("labels").get("channel").asText()).isEqualTo("DIRECT");
        assertThat(q4.get("generatorURL").asText())
                .as("the dialogue dashboard of the alert's community, in the Grafana docker-compose publishes")
                .isEqualTo("http://localhost:3000/d/pulse-dialogue?var-community="
                        + q4.get("labels").get("community").asText());
        assertThat(q4.get("startsAt").asText()).isEqualTo("2026-03-03T20:15:00Z");
        assertThat(Instant.parse(q4.get("endsAt").asText()))
                .as("a firing alert ends 4 refreshes ahead, and is posted again before")
                .isAfter(Instant.now().plusSeconds(60));
        assertThat(byKey.get("q3/resolved").get("endsAt").asText())
                .isEqualTo(Instant.parse("2026-03-02T14:00:00.001Z").toString());

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertRows(
                        stack.query("SELECT status, attempts, count() FROM alert_deliveries FINAL WHERE webhook = '"
                                + AlertDispatcher.describe(failing) + "' GROUP BY status, attempts"),
                        List.of(row("failed", "3", "3"))));
        // alerts travel in batches: each alert was tried 3 times, in 3 to 9 requests
        assertThat(failingCalls.get()).isBetween(3, 9);
        // the delivery log is written beside the dispatch loop, so it may trail the deliveries a little
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertRows(
                        stack.query("SELECT status, count() FROM alert_deliveries FINAL WHERE webhook = '"
                                + AlertDispatcher.describe(good) + "' GROUP BY status"),
                        List.of(row("delivered", "3"))));
    }

    /** The Authorization headers the accepting receiver got. */
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    private void dispatch(
            TestStack stack, URI webhook, int attempts, long backoffMillis, String authorization, String group) {
        AlertDispatcher dispatcher = new AlertDispatcher(
                        stack.deployment.kafkaBootstrap(),
                        stack.deployment.alertTopic(),
                        webhook,
                        stack.deployment.clickHouse(),
                        alert -> {},
                        attempts,
                        backoffMillis)
                .authorization(authorization)
                .group(group);
        dispatchers.add(dispatcher);
        Thread thread = new Thread(dispatcher, "dispatcher-" + webhook.getPort());
        thread.setDaemon(true);
        thread.start();
    }

    private URI receiver(int status, List<JsonNode> received, AtomicInteger calls) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v2/alerts", exchange -> {
            calls.incrementAndGet();
            JsonNode body = JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (status == 200) {
                body.forEach(received::add);
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2/alerts");
    }

    /** The dispatcher's consumer group has committed every alert: nothing is left to (re)deliver. */
    private static boolean groupCaughtUp(TestStack stack, URI webhook) throws Exception {
        try (Admin admin = Admin.create(props(stack))) {
            String group = AlertDispatcher.defaultGroup(stack.deployment.alertTopic(), webhook);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get();
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(Map.of(
                            new TopicPartition(stack.deployment.alertTopic(), 0),
                            OffsetSpec.latest(),
                            new TopicPartition(stack.deployment.alertTopic(), 1),
                            OffsetSpec.latest()))
                    .all()
                    .get();
            long committedTotal = committed.values().stream()
                    .mapToLong(OffsetAndMetadata::offset)
                    .sum();
            long endTotal = ends.values().stream()
                    .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
                    .sum();
            return committedTotal >= endTotal - 2; // the end offsets include the transaction markers
        }
    }

    private static Properties props(TestStack stack) {
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.deployment.kafkaBootstrap());
        return props;
    }
}
