package io.smmpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.event.Envelope;
import io.smmpulse.core.event.EventCodec;
import io.smmpulse.core.event.RejectedEvent;
import java.util.Random;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A record the job rejects becomes a dead letter that Kafka takes: whatever its size, at and around
 * the broker's default limit of 1 MiB, the dead letter keeps a 64 KiB head, the length and a digest.
 */
class DeadLetterSerializerTest {
    /** Kafka's default max.request.size and message.max.bytes. */
    private static final int KAFKA_LIMIT = 1_048_576;

    @ParameterizedTest
    @ValueSource(ints = {65_536, 65_537, 900_000, 1_048_450, KAFKA_LIMIT, KAFKA_LIMIT + 1, 3 * KAFKA_LIMIT})
    void aDeadLetterStaysFarBelowTheRequestLimit(int size) {
        byte[] garbage = new byte[size];
        new Random(size).nextBytes(garbage);
        garbage[0] = 0x42; // not the single-object header
        Envelope envelope = EventCodec.decode(garbage, "kafka:events:0:7", "kafka events:0:7", 0);
        assertThat(envelope.isAccepted()).isFalse();

        ProducerRecord<byte[], byte[]> letter = DeadLetterSerializer.record("dlq", envelope.rejected);
        long bytes = letter.key().length + letter.value().length;
        for (Header header : letter.headers()) {
            bytes += header.key().length() + header.value().length;
        }
        assertThat(letter.value()).hasSizeLessThanOrEqualTo(RejectedEvent.MAX_KEPT_PAYLOAD_BYTES);
        assertThat(bytes).isLessThan(KAFKA_LIMIT / 8);
        if (size > RejectedEvent.MAX_KEPT_PAYLOAD_BYTES) {
            assertThat(envelope.rejected.reason)
                    .contains("payload kept: the first 65536 of " + size + " bytes, sha256 ");
        }
    }
}
