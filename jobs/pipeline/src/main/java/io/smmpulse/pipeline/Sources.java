package io.smmpulse.pipeline;

import io.smmpulse.core.config.Deployment;
import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.core.event.Envelope;
import io.smmpulse.core.event.EventCodec;
import io.smmpulse.core.event.JsonEventReader;
import io.smmpulse.core.event.SchemaRegistryClient;
import io.smmpulse.core.event.WriterSchemas;
import io.smmpulse.core.ingest.IngestTopology;
import io.smmpulse.core.kafka.KafkaClientSettings;
import java.nio.file.Path;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The real sources: a JSON Lines file for replay, the Kafka events topic for streaming. */
public final class Sources {
    private Sources() {}

    /** Read by one reader so that lateness depends only on the order of the lines. */
    public static DataStream<Envelope> jsonLinesFile(
            StreamExecutionEnvironment env, Path file, EventTimeSettings settings) {
        String name = file.getFileName().toString();
        FileSource<NumberedLine> source = FileSource.forRecordStreamFormat(
                        new NumberedLineFormat(),
                        new org.apache.flink.core.fs.Path(file.toAbsolutePath().toUri()))
                .build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "JSON Lines " + name)
                .uid("json-lines-source")
                .setParallelism(1)
                .map(line -> JsonEventReader.read(
                        line.line(),
                        "file:" + name + ":" + line.number,
                        "file " + name + " line " + line.number,
                        System.currentTimeMillis()))
                .returns(TypeInformation.of(Envelope.class))
                .name("Parse JSON Lines")
                .uid("parse-json-lines")
                .setParallelism(1)
                .assignTimestampsAndWatermarks(IngestTopology.replayWatermarks(settings))
                .name("Event-time watermarks")
                .uid("replay-watermarks")
                .setParallelism(1);
    }

    /** The events topic of a deployment, read live. */
    public static SingleOutputStreamOperator<Envelope> kafka(
            StreamExecutionEnvironment env, Deployment deployment, String groupId, EventTimeSettings settings) {
        return kafka(env, deployment, groupId, IngestTopology.watermarks(settings), false);
    }

    /** The events topic of a deployment read to the offsets that are latest when the job starts. */
    public static SingleOutputStreamOperator<Envelope> kafkaToItsEnd(
            StreamExecutionEnvironment env,
            Deployment deployment,
            String groupId,
            WatermarkStrategy<Envelope> watermarks) {
        return kafka(env, deployment, groupId, watermarks, true);
    }

    /**
     * @param bounded stop at the offsets that are latest when the job starts (a replay of a topic)
     */
    private static SingleOutputStreamOperator<Envelope> kafka(
            StreamExecutionEnvironment env,
            Deployment deployment,
            String groupId,
            WatermarkStrategy<Envelope> watermarks,
            boolean bounded) {
        String topic = deployment.topic();
        var builder = KafkaSource.<Envelope>builder()
                .setBootstrapServers(deployment.kafkaBootstrap())
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new AvroEnvelopeDeserializer(deployment.schemaRegistry()))
                .setProperty("partition.discovery.interval.ms", "30000")
                // a producer's aborted transaction never reaches the KPIs
                .setProperty("isolation.level", "read_committed");
        KafkaClientSettings.extra().forEach(builder::setProperty);
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return env.fromSource(builder.build(), watermarks, "Kafka " + topic).uid("kafka-events-source");
    }

    /**
     * Decodes in the source so that watermarks are per Kafka partition; bad records become rejections.
     * A registry that cannot be asked for a writer schema within a minute fails the source, and the
     * job restarts from its last checkpoint (docs/events.md): the record is never guessed at.
     */
    static final class AvroEnvelopeDeserializer implements KafkaRecordDeserializationSchema<Envelope> {
        static final java.time.Duration REGISTRY_PATIENCE = java.time.Duration.ofMinutes(1);

        /** The Confluent-compatible API of the schema registry some producers write for (docs/events.md), or "". */
        private final String schemaRegistry;

        private transient WriterSchemas writerSchemas;

        AvroEnvelopeDeserializer(String schemaRegistry) {
            this.schemaRegistry = schemaRegistry;
        }

        @Override
        public void open(
                org.apache.flink.api.common.serialization.DeserializationSchema.InitializationContext context) {
            writerSchemas = SchemaRegistryClient.atOrNone(schemaRegistry, REGISTRY_PATIENCE);
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Envelope> out) {
            String place = record.topic() + ":" + record.partition() + ":" + record.offset();
            out.collect(EventCodec.decode(
                    record.value(), "kafka:" + place, "kafka " + place, System.currentTimeMillis(), writerSchemas));
        }

        @Override
        public TypeInformation<Envelope> getProducedType() {
            return TypeInformation.of(Envelope.class);
        }
    }
}
