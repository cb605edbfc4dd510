package io.smmpulse.pipeline;

import io.smmpulse.core.event.AlertCodec;
import io.smmpulse.schema.SlaAlert;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Alert transitions to Kafka: key the alert's identity (both transitions on one partition, in order), value Avro single-object encoding. */
public final class AlertSerializer implements KafkaRecordSerializationSchema<SlaAlert> {
    private final String topic;

    public AlertSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(SlaAlert alert, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic, AlertCodec.identity(alert).getBytes(StandardCharsets.UTF_8), AlertCodec.encode(alert));
    }
}
