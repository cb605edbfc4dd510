package io.smmpulse.app;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.PulseSettings;
import io.smmpulse.core.ingest.IngestTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** {@code bin/pulse run}: the streaming job against the configured Kafka and ClickHouse. */
final class StreamingCommand {
    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(3);

    private StreamingCommand() {}

    static int run(List<String> args, PulseEnvironment env) throws Exception {
        Options options = Options.parse("run", args, Set.of("communities"));
        StreamExecutionEnvironment flink = prepare(env, options.communities(), env.home().resolve("checkpoints").resolve("run"));
        System.out.println("smm-pulse streaming from " + env.topic() + " at " + env.kafkaBootstrap() + " into " + env.clickHouse());
        flink.execute("smm-pulse");
        return 0;
    }

    /** Checks Kafka and ClickHouse, then builds the job; it resumes from the latest checkpoint in {@code checkpoints}. */
    static StreamExecutionEnvironment prepare(PulseEnvironment env, Communities communities, Path checkpoints) {
        KafkaTopics.ensure(env.kafkaBootstrap(), List.of(env.topic(), env.deadLetterTopic()));
        SqlCommand.applySchema(env.clickHouse());
        PulseSettings settings = PulseSettings.live();
        StreamExecutionEnvironment flink = JobSetup.environment(env.parallelism(), CHECKPOINT_INTERVAL, checkpoints, true);
        IngestTopology.Streams streams = PulsePipeline.attach(
                Sources.kafka(flink, env.kafkaBootstrap(), env.topic(), "smm-pulse", settings),
                communities, settings, PulsePipeline.clickHouse(env.clickHouse()));
        streams.rejected()
                .sinkTo(KafkaSink.<io.smmpulse.core.event.RejectedEvent>builder()
                        .setBootstrapServers(env.kafkaBootstrap())
                        .setRecordSerializer(new DeadLetterSerializer(env.deadLetterTopic()))
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                        .build())
                .name("Kafka dead-letter topic")
                .uid("kafka-dead-letters");
        return flink;
    }
}
