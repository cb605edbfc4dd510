package io.smmpulse.core.event;

import io.smmpulse.schema.ClockHeartbeat;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;

/**
 * The heartbeat records of the alert clock on the events topic (docs/alerts.md): Avro single-object
 * encoding of {@link ClockHeartbeat}, told apart from events by the schema fingerprint in bytes 2..9.
 */
public final class Heartbeats {
    private static final byte[] HEADER = header();
    private static final BinaryMessageDecoder<ClockHeartbeat> DECODER =
            new BinaryMessageDecoder<>(SpecificData.get(), ClockHeartbeat.getClassSchema());

    private Heartbeats() {}

    public static byte[] encode(long stampedAt, String writer) {
        return EventCodec.singleObject(
                ClockHeartbeat.getEncoder(),
                ClockHeartbeat.newBuilder()
                        .setStampedAt(Instant.ofEpochMilli(stampedAt))
                        .setWriter(writer)
                        .build());
    }

    /** Whether a Kafka value is a heartbeat: its header is the heartbeat schema's. */
    public static boolean isHeartbeat(byte[] value) {
        return value != null
                && value.length > HEADER.length
                && Arrays.equals(value, 0, HEADER.length, HEADER, 0, HEADER.length);
    }

    /** The instant a heartbeat was stamped with, or null when its body is not a heartbeat after all. */
    public static Long stampedAt(byte[] value) {
        try {
            return DECODER.decode(value).getStampedAt().toEpochMilli();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** C3 01 and the fingerprint: the first ten bytes of any heartbeat. */
    private static byte[] header() {
        return Arrays.copyOf(encode(0, ""), 10);
    }
}
