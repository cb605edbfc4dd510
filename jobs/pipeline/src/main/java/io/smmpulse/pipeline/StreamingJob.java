package io.smmpulse.pipeline;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.PulseSettings;
import io.smmpulse.core.event.RejectedEvent;
import io.smmpulse.pipeline.clickhouse.ClickHouseSchema;
import io.smmpulse.schema.SlaAlert;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The streaming job: the Kafka events topic through every KPI topology into ClickHouse, SLA alerts
 * to Kafka in transactions, rejections to the dead-letter topic. The job jar's entry point
 * ({@code flink run pulse-pipeline.jar}); settings from the environment ({@link PulseEnvironment}),
 * {@code PULSE_COMMUNITIES} names the communities file, the embedded defaults apply without it.
 */
public final class StreamingJob {
    /** Results and alerts become visible when a checkpoint completes: this bounds their delay. */
    public static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);

    private StreamingJob() {}

    public static void main(String[] args) throws Exception {
        PulseEnvironment env = PulseEnvironment.fromEnv();
        String file = System.getenv("PULSE_COMMUNITIES");
        Communities communities = file == null || file.isBlank() ? Communities.embedded() : Communities.load(Paths.get(file));
        prepare(env, communities, env.home().resolve("checkpoints").resolve("run"), false).execute("smm-pulse");
    }

    /** Transactional: a read_committed consumer sees every alert once, also after a restart from a checkpoint. */
    public static void alertsToKafka(DataStream<SlaAlert> alerts, PulseEnvironment env) {
        alerts.sinkTo(KafkaSink.<SlaAlert>builder()
                        .setBootstrapServers(env.kafkaBootstrap())
                        .setRecordSerializer(new AlertSerializer(env.alertTopic()))
                        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                        .setKafkaProducerConfig(KafkaClientSettings.with(new java.util.Properties()))
                        .setTransactionalIdPrefix("smm-pulse-" + env.alertTopic())
                        .setProperty("transaction.timeout.ms", "300000")
                        .build())
                .name("Kafka " + env.alertTopic())
                .uid("kafka-sla-alerts");
    }

    /**
     * Checks Kafka and ClickHouse, then builds the job; it resumes from the latest checkpoint in
     * {@code checkpoints}.
     *
     * @param changelog checkpoint the heap state through a changelog (local runs); a Flink cluster
     *     brings its own state backend (docker-compose: RocksDB, incremental)
     */
    public static StreamExecutionEnvironment prepare(PulseEnvironment env, Communities communities, Path checkpoints, boolean changelog) {
        KafkaTopics.ensure(env.kafkaBootstrap(), List.of(env.topic(), env.deadLetterTopic(), env.alertTopic()));
        ClickHouseSchema.apply(env.clickHouse());
        PulseSettings settings = PulseSettings.live();
        StreamExecutionEnvironment flink = JobSetup.environment(env.parallelism(), CHECKPOINT_INTERVAL, checkpoints, true, changelog);
        PulsePipeline.Results results = PulsePipeline.attach(
                Sources.kafka(flink, env.kafkaBootstrap(), env.topic(), "smm-pulse-" + env.topic(), settings),
                communities, settings, PulsePipeline.clickHouse(env.clickHouse(), checkpoints));
        alertsToKafka(results.alerts(), env);
        results.ingest().rejected()
                .sinkTo(KafkaSink.<RejectedEvent>builder()
                        .setBootstrapServers(env.kafkaBootstrap())
                        .setRecordSerializer(new DeadLetterSerializer(env.deadLetterTopic()))
                        .setKafkaProducerConfig(KafkaClientSettings.with(new java.util.Properties()))
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                        .build())
                .name("Kafka dead-letter topic")
                .uid("kafka-dead-letters");
        return flink;
    }
}
