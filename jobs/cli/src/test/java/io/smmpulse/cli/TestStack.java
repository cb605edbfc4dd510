package io.smmpulse.cli;

import io.smmpulse.clickhouse.ClickHouseClient;
import io.smmpulse.clickhouse.ClickHouseSchema;
import io.smmpulse.core.config.ClickHouseSettings;
import io.smmpulse.core.config.Deployment;
import io.smmpulse.core.event.Envelope;
import io.smmpulse.core.event.JsonEventReader;
import io.smmpulse.generator.KafkaPublisher;
import io.smmpulse.pipeline.replay.JobCounters;
import io.smmpulse.pipeline.replay.ReplayJob;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The real Kafka broker and ClickHouse engine of the local stack ({@code bin/pulse up}, which
 * {@code bin/pulse test} and CI start), with a fresh topic and database for each test.
 */
final class TestStack {
    final Deployment deployment;

    private TestStack(Deployment deployment) {
        this.deployment = deployment;
    }

    static TestStack fresh(String name) throws Exception {
        String suffix = name + "_" + UUID.randomUUID().toString().substring(0, 8);
        Deployment base = Deployment.from(Map.of(
                "PULSE_KAFKA_BOOTSTRAP", System.getenv().getOrDefault("PULSE_KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
                "PULSE_CLICKHOUSE_URL", System.getenv().getOrDefault("PULSE_CLICKHOUSE_URL", "http://127.0.0.1:8123"),
                "PULSE_CLICKHOUSE_USER", System.getenv().getOrDefault("PULSE_CLICKHOUSE_USER", "default"),
                "PULSE_CLICKHOUSE_PASSWORD", System.getenv().getOrDefault("PULSE_CLICKHOUSE_PASSWORD", ""),
                "PULSE_HOME", System.getProperty("java.io.tmpdir") + "/pulse-test-" + suffix));
        ClickHouseSettings clickHouse = base.clickHouse().withDatabase("test_" + suffix);
        ClickHouseSchema.apply(clickHouse, ClickHouseSchema.locateSqlDir());
        return new TestStack(
                base.withClickHouse(clickHouse).withTopics("events-" + suffix, "dlq-" + suffix, "alerts-" + suffix));
    }

    /** The Flink MiniCluster of the pipeline ITs: one TaskManager with two slots, for parallelism 2. */
    static org.apache.flink.test.junit5.MiniClusterExtension miniCluster() {
        return new org.apache.flink.test.junit5.MiniClusterExtension(
                new org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration.Builder()
                        .setConfiguration(
                                org.apache.flink.configuration.Configuration.fromMap(JobCounters.CONFIGURATION))
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(2)
                        .build());
    }

    /** Replays a test resource with the pipeline ITs' communities into this stack's database. */
    ReplayJob.Stats replay(String inputResource) throws Exception {
        return ReplayJob.replay(
                EscalationPipelineIT.resource(inputResource),
                io.smmpulse.core.config.Communities.load(EscalationPipelineIT.resource("pipeline-communities.json")),
                deployment);
    }

    /** The test's own folder for checkpoints and the ClickHouse sinks' spool, under its PULSE_HOME. */
    java.nio.file.Path checkpoints() {
        return deployment.home().resolve("checkpoints");
    }

    /** The values of {@code topic} a read_committed consumer sees: what committed transactions hold. */
    static List<byte[]> committedValues(Deployment deployment, String topic) {
        return committedRecords(deployment, topic).stream()
                .map(org.apache.kafka.clients.consumer.ConsumerRecord::value)
                .toList();
    }

    /** The records of {@code topic} a read_committed consumer sees, with their keys. */
    static List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> committedRecords(
            Deployment deployment, String topic) {
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", deployment.kafkaBootstrap());
        props.put("isolation.level", "read_committed");
        props.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        props.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(props)) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // for read_committed, the end offsets are the last stable offsets
            Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> records =
                    new java.util.ArrayList<>();
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(java.time.Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** Each valid line as an Avro event, each invalid one as its raw bytes (for the job to reject). */
    static void publish(Deployment deployment, List<String> lines) {
        try (KafkaPublisher publisher =
                new KafkaPublisher(deployment.kafkaBootstrap(), deployment.topic(), deployment.deadLetterTopic())) {
            for (String line : lines) {
                Envelope envelope = JsonEventReader.read(line, "", "", System.currentTimeMillis());
                if (envelope.isAccepted()) {
                    publisher.publish(envelope.event);
                } else {
                    publisher.publishRaw(line.getBytes(StandardCharsets.UTF_8));
                }
            }
            publisher.flush();
        }
    }

    List<List<String>> query(String sql) throws Exception {
        try (ClickHouseClient client = ClickHouseClient.connect(deployment.clickHouse())) {
            return client.query(sql);
        }
    }

    /**
     * Whether a process has ended. A killed process whose parent is gone may stay a zombie until
     * somebody reaps it (PID 1 here may not); it is dead all the same.
     */
    static boolean ended(long pid) {
        if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
            return true;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state == 'Z' || state == 'X';
        } catch (java.io.IOException e) {
            return true;
        }
    }

    /** kill -9 of the process whose id the file holds, and waits until it has ended. */
    static void kill9(java.nio.file.Path pidFile) throws Exception {
        long pid = Long.parseLong(java.nio.file.Files.readString(pidFile).strip());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> ended(pid));
    }
}
