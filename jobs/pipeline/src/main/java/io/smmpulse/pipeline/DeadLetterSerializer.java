package io.smmpulse.pipeline;

import io.smmpulse.core.event.RejectedEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Rejected records to the Kafka dead-letter topic: raw payload as value, reason and source as headers. */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<RejectedEvent> {
    public static final String REASON_HEADER = "pulse.reason";
    public static final String SOURCE_HEADER = "pulse.source";

    private final String topic;

    public DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(RejectedEvent rejected, KafkaSinkContext context, Long timestamp) {
        return record(topic, rejected);
    }

    /** The raw payload as the record value, its place as the key, the reason and the source as headers. */
    public static ProducerRecord<byte[], byte[]> record(String topic, RejectedEvent rejected) {
        byte[] payload = "base64".equals(rejected.payloadEncoding)
                ? Base64.getDecoder().decode(rejected.payload)
                : rejected.payload.getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(topic, rejected.rejectionId.getBytes(StandardCharsets.UTF_8), payload);
        record.headers().add(REASON_HEADER, rejected.reason.getBytes(StandardCharsets.UTF_8));
        record.headers().add(SOURCE_HEADER, rejected.source.getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
