package io.smmpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smmpulse.control.FlinkCluster;
import io.smmpulse.control.StreamingJobs;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.Deployment;
import io.smmpulse.core.event.AlertCodec;
import io.smmpulse.core.event.RejectedEvent;
import io.smmpulse.generator.GeneratedTraffic;
import io.smmpulse.pipeline.KafkaTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Jobs on the local cluster that must not harm one another or themselves: two jobs of two event
 * topics sharing one alert topic (their Kafka transactions must not fence each other), and a job
 * fed records of garbage at and around the broker's 1 MiB limit (dead-lettered, bounded, no restart).
 */
class JobIsolationIT {
    private final FlinkCluster cluster = FlinkCluster.fromEnv(System.getenv());
    private final List<String> jobs = new ArrayList<>();

    @AfterEach
    void cancel() {
        for (String job : jobs) {
            try {
                cluster.cancel(job);
            } catch (java.io.IOException ended) {
                // it has stopped already
            }
        }
    }

    @Test
    void twoJobsSharingAnAlertTopicNeitherFenceTheOtherNorLoseAnAlert() throws Exception {
        TestStack first = TestStack.fresh("shared_alerts_a");
        Deployment a = first.deployment.withMaxIngestDelay(FaultInjectionIT.BACKFILL_INGEST_DELAY);
        TestStack second = TestStack.fresh("shared_alerts_b");
        Deployment b = second.deployment
                .withMaxIngestDelay(FaultInjectionIT.BACKFILL_INGEST_DELAY)
                .withTopics(second.deployment.topic(), second.deployment.deadLetterTopic(), a.alertTopic());
        for (Deployment deployment : List.of(a, b)) {
            KafkaTopics.ensure(
                    deployment.kafkaBootstrap(),
                    List.of(deployment.topic(), deployment.deadLetterTopic(), deployment.alertTopic()));
            jobs.add(StreamingJobs.submit(cluster, deployment, null, StreamingJobs.Start.NEWEST)
                    .id());
        }
        TestStack.publish(a, generated(1));
        TestStack.publish(b, generated(2));

        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    Set<String> written = new HashSet<>(alertIds(first));
                    written.addAll(alertIds(second));
                    assertThat(written).as("alerts decided by the two jobs").isNotEmpty();
                    Set<String> onTopic = new HashSet<>();
                    for (byte[] value : TestStack.committedValues(a, a.alertTopic())) {
                        onTopic.add(AlertCodec.decode(value).getAlertId());
                    }
                    assertThat(onTopic)
                            .as("the shared alert topic holds every alert of both jobs")
                            .isEqualTo(written);
                });
        for (String job : jobs) {
            assertThat(cluster.checkpoints(job).path("counts").path("restored").asLong())
                    .as("job %s never restarted", job)
                    .isZero();
        }
    }

    @Test
    void recordsOfGarbageAtAndAroundTheBrokersLimitAreDeadLetteredAndTheJobGoesOn() throws Exception {
        TestStack stack = TestStack.fresh("near_limit");
        Deployment deployment = stack.deployment.withMaxIngestDelay(FaultInjectionIT.BACKFILL_INGEST_DELAY);
        KafkaTopics.ensure(
                deployment.kafkaBootstrap(),
                List.of(deployment.topic(), deployment.deadLetterTopic(), deployment.alertTopic()));
        String job = StreamingJobs.submit(cluster, deployment, null, StreamingJobs.Start.NEWEST)
                .id();
        jobs.add(job);
        List<Integer> sent = sendGarbage(deployment, List.of(900_000, 1_048_450, 1_048_576));
        assertThat(sent)
                .as("sizes the broker took")
                .hasSizeGreaterThanOrEqualTo(2)
                .contains(900_000, 1_048_450);
        TestStack.publish(deployment, generated(3).subList(0, 200));

        await().atMost(Duration.ofMinutes(2)).ignoreExceptions().untilAsserted(() -> {
            assertThat(Long.parseLong(stack.query("SELECT count() FROM events FINAL")
                            .get(1)
                            .get(0)))
                    .as("events after the garbage")
                    .isPositive();
            assertThat(stack.query(
                                    "SELECT count() FROM rejected_events FINAL WHERE reason LIKE '%payload kept: the first 65536 of %'")
                            .get(1)
                            .get(0))
                    .as("each kept with its length and digest")
                    .isEqualTo(String.valueOf(sent.size()));
            List<byte[]> letters = TestStack.committedValues(deployment, deployment.deadLetterTopic());
            assertThat(letters)
                    .hasSizeGreaterThanOrEqualTo(sent.size())
                    .allSatisfy(letter ->
                            assertThat(letter.length).isLessThanOrEqualTo(RejectedEvent.MAX_KEPT_PAYLOAD_BYTES));
        });
        assertThat(cluster.state(job)).isEqualTo("RUNNING");
        assertThat(cluster.checkpoints(job).path("counts").path("restored").asLong())
                .as("never restarted")
                .isZero();
    }

    private static List<String> generated(long seed) throws Exception {
        Path file = Files.createTempDirectory("pulse-isolation").resolve("input.jsonl");
        GeneratedTraffic.toFile(file, Communities.embedded(), 3_000, Duration.ofDays(1), seed);
        return Files.readAllLines(file);
    }

    private static List<String> alertIds(TestStack stack) throws Exception {
        List<List<String>> rows = stack.query("SELECT alert_id FROM sla_alerts FINAL");
        return rows.subList(1, rows.size()).stream().map(row -> row.get(0)).toList();
    }

    /** Sends each size of random bytes that the broker takes; returns the sizes taken. */
    private static List<Integer> sendGarbage(Deployment deployment, List<Integer> sizes) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", deployment.kafkaBootstrap());
        props.put("max.request.size", String.valueOf(4 << 20));
        List<Integer> taken = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int size : sizes) {
                byte[] garbage = new byte[size];
                new Random(size).nextBytes(garbage);
                garbage[0] = 0x42;
                try {
                    producer.send(new ProducerRecord<>(deployment.topic(), garbage))
                            .get();
                    taken.add(size);
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause())
                            .as("only the broker's size limit may refuse one")
                            .isInstanceOf(RecordTooLargeException.class);
                }
            }
        }
        return taken;
    }
}
