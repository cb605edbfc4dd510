package io.smmpulse.generator;

import io.smmpulse.core.event.EventCodec;
import io.smmpulse.core.event.RejectedEvent;
import io.smmpulse.core.kafka.KafkaClientSettings;
import io.smmpulse.pipeline.DeadLetterSerializer;
import io.smmpulse.schema.SocialEvent;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes events (Avro single-object encoding, keyed by community) and dead letters to Kafka. */
public final class KafkaPublisher implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final String deadLetterTopic;
    /** Records the broker never took: {@link #flush} says so instead of returning as if all were written. */
    private final java.util.concurrent.atomic.AtomicLong failed = new java.util.concurrent.atomic.AtomicLong();

    private final java.util.concurrent.atomic.AtomicReference<Exception> firstFailure =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final org.apache.kafka.clients.producer.Callback recordFailure = (metadata, error) -> {
        if (error != null) {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, error);
        }
    };

    public KafkaPublisher(String bootstrap, String topic, String deadLetterTopic) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // one request in flight per broker: on a topic just created, a first batch answered
        // NOT_LEADER_OR_FOLLOWER while later ones were in flight left those later ones failing with
        // OUT_OF_ORDER_SEQUENCE_NUMBER until they expired (seen in CI); batches of 256 KB keep the rate
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        this.producer = new KafkaProducer<>(KafkaClientSettings.with(props));
        this.topic = topic;
        this.deadLetterTopic = deadLetterTopic;
    }

    public void publish(SocialEvent event) {
        publish(event, null);
    }

    /** @param acknowledged called once the broker has appended the event (null: no callback) */
    public void publish(SocialEvent event, org.apache.kafka.clients.producer.Callback acknowledged) {
        publishEncoded(event.getCommunityId().getBytes(StandardCharsets.UTF_8), EventCodec.encode(event), acknowledged);
    }

    /**
     * A record encoded already: {@code key} null for one without (a malformed record).
     *
     * @param acknowledged called once the broker has appended it (null: no callback)
     */
    public void publishEncoded(byte[] key, byte[] value, org.apache.kafka.clients.producer.Callback acknowledged) {
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
            recordFailure.onCompletion(metadata, error);
            if (acknowledged != null) {
                acknowledged.onCompletion(metadata, error);
            }
        });
    }

    /** Raw bytes as they are, for records the pipeline itself must reject. */
    public void publishRaw(byte[] value) {
        publishEncoded(null, value, null);
    }

    /** A generated record: an event as such, a malformed one as its raw bytes. */
    public void publish(EventGenerator.Generated record) {
        if (record.event() != null) {
            publish(record.event());
        } else {
            publishRaw(record.malformed().getBytes(StandardCharsets.UTF_8));
        }
    }

    public void deadLetter(RejectedEvent rejected) {
        producer.send(DeadLetterSerializer.record(deadLetterTopic, rejected), recordFailure);
    }

    /** Waits until every record sent so far is written; a record the broker refused stops the caller here. */
    public void flush() {
        producer.flush();
        if (failed.get() > 0) {
            throw new io.smmpulse.core.config.ConfigException(failed.get() + " record(s) were not written to " + topic
                    + ": " + io.smmpulse.core.Errors.rootMessage(firstFailure.get()));
        }
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(30));
    }
}
