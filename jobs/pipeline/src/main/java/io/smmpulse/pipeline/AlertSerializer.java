package io.smmpulse.pipeline;

import io.smmpulse.core.event.EventCodec;
import io.smmpulse.schema.SlaAlert;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** SLA alerts to Kafka: key alert_id, value Avro single-object encoding. */
public final class AlertSerializer implements KafkaRecordSerializationSchema<SlaAlert> {
    private final String topic;

    public AlertSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(SlaAlert alert, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, alert.getAlertId().getBytes(StandardCharsets.UTF_8),
                EventCodec.singleObject(SlaAlert.getEncoder(), alert));
    }
}
