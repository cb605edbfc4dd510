package io.smmpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smmpulse.clickhouse.ClickHouseSchema;
import io.smmpulse.control.FlinkCluster;
import io.smmpulse.control.StreamingJobs;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.Deployment;
import io.smmpulse.generator.GeneratedTraffic;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka as users run it: a 3-broker KRaft cluster of its own ({@code bin/pulse up} with
 * PULSE_KAFKA_BROKERS=3; topics with replication 3, min.insync.replicas 2), the job on the local
 * Flink cluster. One broker is killed with -9 mid-stream and comes back later; every view must
 * then equal a batch replay of the same input.
 */
class KafkaBrokerFaultIT {
    static final int KAFKA_PORT = 29292;
    static Path home;

    @AfterAll
    static void down() throws Exception {
        if (home != null) {
            kafka("down");
        }
    }

    @Test
    void everyViewEqualsABatchReplayAfterABrokerIsKilledAndReturns() throws Exception {
        home = Files.createTempDirectory("pulse-brokers");
        kafka("up");
        String bootstrap =
                "127.0.0.1:" + KAFKA_PORT + ",127.0.0.1:" + (KAFKA_PORT + 2) + ",127.0.0.1:" + (KAFKA_PORT + 4);
        Deployment deployment = TestStack.fresh("brokerfaults")
                .deployment
                .withKafkaBootstrap(bootstrap)
                .withKpiEvents(true) // spam verdicts are compared event by event
                .withMaxIngestDelay(FaultInjectionIT.BACKFILL_INGEST_DELAY);
        Properties admin = new Properties();
        admin.put("bootstrap.servers", bootstrap);
        try (Admin client = Admin.create(admin)) {
            client.createTopics(
                            List.of(deployment.topic(), deployment.deadLetterTopic(), deployment.alertTopic()).stream()
                                    .map(topic -> new NewTopic(topic, 2, (short) 3))
                                    .toList())
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
        Communities communities = Communities.embedded();
        Path input = home.resolve("input.jsonl");
        GeneratedTraffic.toFile(input, communities, 9_000, Duration.ofDays(3), 23);
        List<String> lines = Files.readAllLines(input);
        int chunk = (lines.size() + 2) / 3;
        FlinkCluster cluster = FlinkCluster.fromEnv(System.getenv());
        String job = StreamingJobs.submit(cluster, deployment, null, StreamingJobs.Start.NEWEST)
                .id();
        try {
            TestStack.publish(deployment, lines.subList(0, chunk));
            await().atMost(Duration.ofMinutes(2))
                    .ignoreExceptions()
                    .until(() -> FaultInjectionIT.eventCount(deployment) > 0);
            TestStack.kill9(home.resolve("kafka/broker-2/kafka.pid"));
            // two of three replicas stay in sync: producers with acks=all and the job go on
            long withTwoBrokers = FaultInjectionIT.eventCount(deployment);
            TestStack.publish(deployment, lines.subList(chunk, 2 * chunk));
            await().atMost(Duration.ofMinutes(2))
                    .ignoreExceptions()
                    .until(() -> FaultInjectionIT.eventCount(deployment) > withTwoBrokers);
            kafka("up");
            TestStack.publish(deployment, lines.subList(2 * chunk, lines.size()));

            assertThat(FaultInjectionIT.assertEqualsBatchReplay(deployment, input, communities)
                            .accepted())
                    .isPositive();
            String state = cluster.state(job);
            assertThat(state).isEqualTo("RUNNING");
        } finally {
            try {
                cluster.cancel(job);
            } catch (java.io.IOException ended) {
                // it is not running
            }
        }
    }

    private static void kafka(String command) throws Exception {
        Path root = ClickHouseSchema.locateSqlDir().getParent();
        ProcessBuilder builder = new ProcessBuilder(root.resolve("bin/pulse").toString(), command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(home.toFile(), "stack.log")));
        builder.environment().put("PULSE_HOME", home.toString());
        builder.environment().put("PULSE_STACK", "kafka");
        builder.environment().put("PULSE_KAFKA_BROKERS", "3");
        builder.environment().put("PULSE_KAFKA_PORT", String.valueOf(KAFKA_PORT));
        builder.environment().remove("PULSE_KAFKA_BOOTSTRAP");
        Process process = builder.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue())
                .as("bin/pulse " + command + ", see " + home.resolve("stack.log"))
                .isZero();
    }
}
