package io.smmpulse.app;

import io.smmpulse.core.event.RejectedEvent;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Rejected records to the Kafka dead-letter topic: raw payload as value, reason and source as headers. */
final class DeadLetterSerializer implements KafkaRecordSerializationSchema<RejectedEvent> {
    private final String topic;

    DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(RejectedEvent rejected, KafkaSinkContext context, Long timestamp) {
        return KafkaPublisher.deadLetterRecord(topic, rejected);
    }
}
