package io.smmpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smmpulse.control.FlinkCluster;
import io.smmpulse.control.StreamingJobs;
import io.smmpulse.core.config.Deployment;
import io.smmpulse.core.event.EventCodec;
import io.smmpulse.core.event.JsonEventReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The alert clock of docs/alerts.md on the local stack's Flink session cluster, where alerts are
 * decided from what has been read and never from the wall clock: a drained backlog decides every
 * passed deadline with nothing new arriving, a partition behind the others holds every decision
 * back, a producer that appends up to max_ingest_delay late never pages for a reply in time, and a
 * partition fed only rejected or old records does not hold the clock.
 */
class AlertClockIT {
    /** Every question: one calendar minute. */
    static final String COMMUNITIES = """
            {"defaults": {"timezone": "UTC",
                          "sla": [{"channel": "*", "priority": "*", "first_response_minutes": 1, "business_hours": false}]}}
            """;

    static final Duration SLA = Duration.ofMinutes(1);

    @org.junit.jupiter.api.Test
    void aDrainedBacklogDecidesEveryPassedDeadlineAndAPartitionBehindHoldsTheOthersBack() throws Exception {
        Duration ingestDelay = Duration.ofSeconds(3);
        TestStack stack = TestStack.fresh("clockbacklog");
        Deployment deployment = stack.deployment.withMaxIngestDelay(ingestDelay);
        createTopic(deployment, 6);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Question> questions = new ArrayList<>();
        try (Appender appender = new Appender(deployment)) {
            for (int partition = 0; partition < 6; partition++) {
                String community = "c" + partition;
                if (partition == 5) {
                    // the partition behind: a long run of views before its questions
                    for (int v = 0; v < 60_000; v++) {
                        appender.append(
                                partition,
                                view(
                                        "v" + v,
                                        community,
                                        now.minus(Duration.ofMinutes(40)).plusMillis(v * 9L)));
                    }
                }
                // each partition in the order its events occurred, as a producer appends them
                java.util.TreeMap<Instant, String> records = new java.util.TreeMap<>();
                for (int i = 0; i < 10; i++) {
                    Instant asked = now.minus(Duration.ofMinutes(30)).plus(Duration.ofMinutes(2L * i));
                    Question question = new Question(
                            community + "-q" + i, community, asked, i % 2 == 0 ? asked.plusSeconds(50) : null);
                    questions.add(question);
                    records.put(asked, question.json());
                    if (question.repliedAt != null) {
                        records.put(question.repliedAt, question.replyJson());
                    }
                }
                for (String json : records.values()) {
                    appender.append(partition, json);
                }
            }
        }
        Path communities = Files.writeString(Files.createTempFile("alert-clock", ".json"), COMMUNITIES);
        FlinkCluster cluster = FlinkCluster.fromEnv(System.getenv());
        String job = StreamingJobs.submit(cluster, deployment, communities, StreamingJobs.Start.FRESH)
                .id();
        try {
            List<String> backlogBreaches = questions.stream()
                    .filter(q -> q.repliedAt == null)
                    .map(q -> q.id)
                    .sorted()
                    .toList();
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> firing(stack).keySet().stream().sorted().toList(), backlogBreaches::equals);
            assertThat(firing(stack).keySet())
                    .as("no breach for a reply in time, also behind 60,000 views")
                    .containsExactlyInAnyOrderElementsOf(backlogBreaches);
            assertThat(count(stack, "SELECT count() FROM late_events FINAL"))
                    .as("nothing dropped to late_events")
                    .isZero();

            // The backlog is read: one more question, and then nothing more on any partition. Its
            // deadline lies after the drain however slowly the job started; it is appended 45 s after
            // it occurred (within the hour of lateness, not late) so that the deadline comes 15 s on.
            Question live = new Question(
                    "live", "c0", Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(45), null);
            try (Appender appender = new Appender(deployment)) {
                appender.append(0, live.json());
            }
            List<String> breached = new ArrayList<>(backlogBreaches);
            breached.add(live.id);
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> firing(stack).containsKey(live.id));
            long liveDelay = firing(stack).get(live.id);
            assertThat(count(stack, "SELECT count() FROM late_events FINAL"))
                    .as("the live question is not late either")
                    .isZero();
            assertThat(liveDelay)
                    .as("the live breach, with nothing new read after the backlog, ms after its deadline")
                    .isBetween(ingestDelay.toMillis(), ingestDelay.toMillis() + 5_000);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> count(stack, "SELECT count() FROM kpi_open_questions"), open -> open == 0);
            assertThat(count(stack, "SELECT count() FROM kpi_sla_breaches")).isEqualTo(breached.size());
        } finally {
            cluster.cancel(job);
        }
    }

    @org.junit.jupiter.api.Test
    void aProducerAppendingWithinTheIngestDelayNeverPagesForAReplyInTimeAndANoisyPartitionHoldsNothing()
            throws Exception {
        Duration ingestDelay = Duration.ofSeconds(4);
        TestStack stack = TestStack.fresh("clockdelay");
        Deployment deployment = stack.deployment.withMaxIngestDelay(ingestDelay);
        createTopic(deployment, 2);
        Path communities = Files.writeString(Files.createTempFile("alert-clock", ".json"), COMMUNITIES);
        FlinkCluster cluster = FlinkCluster.fromEnv(System.getenv());
        String job = StreamingJobs.submit(cluster, deployment, communities, StreamingJobs.Start.FRESH)
                .id();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        Random random = new Random(28);
        try (Appender appender = new Appender(deployment)) {
            // partition 0: every 200 ms a record that is rejected, or a valid event two hours old
            int[] noise = {0};
            scheduler.scheduleAtFixedRate(
                    () -> {
                        int n = noise[0]++;
                        appender.append(
                                0,
                                n % 2 == 0
                                        ? "not an event " + n
                                        : view("old" + n, "old", Instant.now().minus(Duration.ofHours(2))));
                    },
                    0,
                    200,
                    TimeUnit.MILLISECONDS);
            // partition 1: questions and replies, each appended 0..max_ingest_delay after it occurred
            Instant start = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
            List<Question> questions = new ArrayList<>();
            long[] replyAfterMillis = {45_000, 59_500, -1, 65_000};
            for (int i = 0; i < 8; i++) {
                Instant asked = start.plusSeconds(2L * i);
                long after = replyAfterMillis[i % 4];
                Question question = new Question("q" + i, "live", asked, after < 0 ? null : asked.plusMillis(after));
                questions.add(question);
                scheduleAppend(
                        scheduler, appender, asked, random.nextInt((int) ingestDelay.toMillis() + 1), question.json());
                if (question.repliedAt != null) {
                    scheduleAppend(
                            scheduler,
                            appender,
                            question.repliedAt,
                            random.nextInt((int) ingestDelay.toMillis() + 1),
                            question.replyJson());
                }
            }
            List<String> breached = questions.stream()
                    .filter(q -> q.repliedAt == null || q.repliedAt.isAfter(q.deadline()))
                    .map(q -> q.id)
                    .sorted()
                    .toList();
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> firing(stack).keySet().stream().sorted().toList(), breached::equals);
            Map<String, Long> delays = firing(stack);
            assertThat(delays.keySet())
                    .as("no page for a reply appended within the delay")
                    .containsExactlyInAnyOrderElementsOf(breached);
            assertThat(delays.values())
                    .as("each breach, ms after its deadline")
                    .allSatisfy(delay -> assertThat(delay).isBetween(0L, ingestDelay.toMillis() + 5_000));
        } finally {
            scheduler.shutdownNow();
            cluster.cancel(job);
        }
    }

    private static void scheduleAppend(
            ScheduledExecutorService scheduler, Appender appender, Instant occurred, long lateMillis, String json) {
        long delay = occurred.toEpochMilli() + lateMillis - System.currentTimeMillis();
        scheduler.schedule(() -> appender.append(1, json), Math.max(0, delay), TimeUnit.MILLISECONDS);
    }

    record Question(String id, String community, Instant asked, Instant repliedAt) {
        Instant deadline() {
            return asked.plus(SLA);
        }

        String json() {
            return """
                    {"event_id": "e-%s", "event_type": "POST", "occurred_at": "%s", "platform": "x", "community_id": "%s", \
                    "actor_id": "m-%s", "actor_role": "MEMBER", "content_id": "%s", "thread_id": "%s", "is_question": true}""".formatted(id, asked, community, id, id, id);
        }

        String replyJson() {
            return """
                    {"event_id": "r-%s", "event_type": "COMMENT", "occurred_at": "%s", "platform": "x", "community_id": "%s", \
                    "actor_id": "staff", "actor_role": "STAFF", "content_id": "r-%s", "parent_id": "%s", "thread_id": "%s"}""".formatted(id, repliedAt, community, id, id, id);
        }
    }

    static String view(String id, String community, Instant at) {
        return """
                {"event_id": "%s", "event_type": "VIEW", "occurred_at": "%s", "platform": "x", "community_id": "%s", \
                "actor_id": "u-%s", "actor_role": "MEMBER", "content_id": "p1"}""".formatted(id, at, community, id);
    }

    static void createTopic(Deployment deployment, int partitions) throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, deployment.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(deployment.topic(), partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    /** FIRING breaches by question: how long after its deadline each was decided, in ms. */
    static Map<String, Long> firing(TestStack stack) throws Exception {
        return stack
                .query(
                        "SELECT question_id, toUnixTimestamp64Milli(decided_at) - toUnixTimestamp64Milli(deadline_at) FROM sla_alerts FINAL "
                                + "WHERE alert_name = 'SmmPulseSlaBreached' AND status = 'FIRING'")
                .stream()
                .skip(1)
                .collect(Collectors.toMap(row -> row.get(0), row -> Long.parseLong(row.get(1))));
    }

    static long count(TestStack stack, String sql) throws Exception {
        return Long.parseLong(stack.query(sql).get(1).get(0));
    }

    /** Appends lines to chosen partitions: valid ones as Avro events, others as their raw bytes. */
    static final class Appender implements AutoCloseable {
        private final KafkaProducer<byte[], byte[]> producer;
        private final String topic;

        Appender(Deployment deployment) {
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, deployment.kafkaBootstrap());
            properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
            this.producer = new KafkaProducer<>(properties);
            this.topic = deployment.topic();
        }

        void append(int partition, String line) {
            var envelope = JsonEventReader.read(line, "", "", System.currentTimeMillis());
            byte[] value =
                    envelope.isAccepted() ? EventCodec.encode(envelope.event) : line.getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(topic, partition, null, value));
        }

        @Override
        public void close() {
            producer.close();
        }
    }
}
